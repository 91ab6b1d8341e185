package dev.ferry.core.build;

import dev.ferry.core.store.BuildId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The kept output of finished builds where every control node can read it: the PostgreSQL store, when several
 * nodes share it. The node that ran a build keeps its output in its data dir ({@link BuildOutputs}) and stores it
 * here once the build (and its release) ended; another node reads it from here. Streamed both ways.
 */
public interface BuildLogArchive {

    /** Stores the output in {@code file} as build {@code id}'s, replacing what was stored for it. */
    void put(BuildId id, Path file) throws IOException;

    /**
     * Writes build {@code id}'s stored output to {@code out}.
     *
     * @return false (and nothing written) when none is stored
     */
    boolean copyTo(BuildId id, OutputStream out) throws IOException;
}
