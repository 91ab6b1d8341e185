package dev.ferry.core.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Slugs every control node can reach, keyed by their SHA-256 id and stored once: large objects in the PostgreSQL
 * store. A node keeps its own copy of each slug it builds or runs in its data dir ({@link SlugSource}) and uses
 * the archive to share them; both directions are streamed, a slug is never held whole in memory.
 */
public interface SlugArchive {

    /** Whether slug {@code slugId} is stored. */
    boolean contains(String slugId);

    /** Stores the archive in {@code file} as slug {@code slugId}, unless a slug of that id is already stored. */
    void put(String slugId, Path file) throws IOException;

    /**
     * Writes slug {@code slugId} to {@code out}.
     *
     * @return false (and nothing written) when no slug has this id
     */
    boolean copyTo(String slugId, OutputStream out) throws IOException;
}
