package dev.ferry.runtime.logs.drain;

import dev.ferry.core.log.LogLine;
import java.io.IOException;
import java.util.List;

/** Where one drain's batches go; used by one sender thread only. */
interface DrainTarget {

    /** Sends the batch, connecting first if needed; on failure the caller closes and retries later. */
    void send(List<LogLine> batch) throws IOException;

    /** True when a batch should wait to fill (posts); false to send what is there at once (a stream). */
    boolean lingers();

    /** Drops the connection, if any; the next send reconnects. */
    void close();

    /** Closes for good (the drain was removed). */
    default void shutdown() {
        close();
    }
}
