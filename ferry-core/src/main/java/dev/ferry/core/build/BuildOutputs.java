package dev.ferry.core.build;

import dev.ferry.core.store.BuildId;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where the control API reads the kept output of a build ({@code ferry builds:output ID}): the lines the
 * pusher saw as {@code remote:} lines, in UTF-8 with a line break after each. The build queue implements it
 * over its log files in the data directory. Thread-safe.
 */
@FunctionalInterface
public interface BuildOutputs {

    /**
     * The build's output; empty when none was kept.
     *
     * @param follow when true and the build is still queued or running, the stream blocks for more output and
     *               ends when the build ends; when false it ends at the output written so far
     */
    Optional<InputStream> open(BuildId id, boolean follow);
}
