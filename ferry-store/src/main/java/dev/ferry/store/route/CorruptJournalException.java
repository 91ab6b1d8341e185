package dev.ferry.store.route;

import java.nio.file.Path;

/**
 * Thrown when a route journal cannot be replayed: it is not a Ferry route journal, it was written by a
 * newer format version, or a record before its last one does not parse. The file is left exactly as it was,
 * so a person can look at (or repair) the named line.
 */
public final class CorruptJournalException extends RuntimeException {

    private final Path file;
    private final int lineNumber;

    public CorruptJournalException(Path file, int lineNumber, String problem, Throwable cause) {
        super("route journal " + file + " line " + lineNumber + ": " + problem, cause);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    /** The 1-based number of the line that does not parse. */
    public int lineNumber() {
        return lineNumber;
    }
}
