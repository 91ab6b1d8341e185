package dev.ferry.cli;

/**
 * A failure the CLI reports as one line on stderr, {@code ferry: <message>}, with a non-zero exit code.
 * Commands throw it; {@link FerryCli} prints it. The message is a sentence for people, no stack trace.
 */
public final class CliFailure extends RuntimeException {

    /** The exit code of a failed command. */
    public static final int EXIT_FAILURE = 1;

    public CliFailure(String message) {
        super(message, null, false, false);
    }
}
