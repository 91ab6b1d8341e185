package dev.ferry.core.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The sandbox of one build, opened by {@link BuildSandbox#open}: it turns a build command into a process
 * builder and, when closed, kills every process the build started (a process that detached itself with
 * {@code setsid} included).
 */
public interface BuildJail extends AutoCloseable {

    /**
     * How the build's commands name {@code hostPath}, a path inside the work directory or the cache (in a sandbox
     * the work directory is {@code /app} and the cache {@code /cache}); used for paths put into a command's
     * arguments or environment.
     */
    String visiblePath(Path hostPath);

    /**
     * A process builder running {@code argv} in the work directory with {@code env} added to the build's
     * environment.
     *
     * @throws java.io.UncheckedIOException when the sandbox cannot be made ready for the command
     */
    ProcessBuilder command(List<String> argv, Map<String, String> env);

    /**
     * Told of each command's process right after it started from {@link #command}: a sandbox that gives builds a
     * network of their own connects it here. Does nothing by default.
     *
     * @throws java.io.IOException when the command's network cannot be connected
     */
    default void started(Process process) throws java.io.IOException {
    }

    /** Kills whatever the build left running. */
    @Override
    void close();
}
