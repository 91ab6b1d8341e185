package dev.ferry.core.runtime;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A one-off process started by {@link AppRuntime#run} or {@link AppRuntime#start} ({@code ferry run CMD}): its
 * standard input, its standard output, its standard error (apart when it runs on pipes, merged into the output
 * when it runs on a terminal or was started by {@link AppRuntime#run}), and its exit code. Closing it kills the
 * process if it still runs.
 */
public interface OneOffProcess extends AutoCloseable {

    /** {@code run.<number>}, as in the app's log stream. */
    String name();

    /** Standard output (and error too, in the order written, when merged). */
    InputStream output();

    /** Standard error when it is kept apart; an empty stream when it is merged into {@link #output()}. */
    default InputStream errors() {
        return InputStream.nullInputStream();
    }

    /** Tells a process on a terminal that the terminal has a new size (SIGWINCH); ignored without a terminal. */
    default void resize(OneOffCommand.Terminal size) {
    }

    /** Standard input. */
    OutputStream input();

    /** Waits for the process and returns its exit code. */
    int waitFor() throws InterruptedException;

    /** Kills the process (SIGTERM, then SIGKILL) if it still runs; never throws. */
    @Override
    void close();
}
