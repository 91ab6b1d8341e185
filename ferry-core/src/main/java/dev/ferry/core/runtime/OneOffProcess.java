package dev.ferry.core.runtime;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A one-off process started by {@link AppRuntime#run} ({@code ferry run CMD}): its standard input, its
 * standard output and error merged, and its exit code. Closing it kills the process if it still runs.
 */
public interface OneOffProcess extends AutoCloseable {

    /** {@code run.<number>}, as in the app's log stream. */
    String name();

    /** Standard output and error, merged, in the order written. */
    InputStream output();

    /** Standard input. */
    OutputStream input();

    /** Waits for the process and returns its exit code. */
    int waitFor() throws InterruptedException;

    /** Kills the process (SIGTERM, then SIGKILL) if it still runs; never throws. */
    @Override
    void close();
}
