package dev.ferry.core.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code ferry run} asks {@link AppRuntime#start} to run: a program and its arguments exactly as given (no
 * shell parses them; a person who wants a shell line passes {@code sh -c LINE}), extra environment variables over
 * the release's config vars, and whether the process gets a terminal of a given size (a PTY: its output and error
 * arrive merged, as on any terminal) or plain pipes (output and error apart). A detached process
 * ({@code run:detached}) writes into the app's log stream as {@code run.N} instead of to a caller.
 *
 * @param argv     the program (looked up in the process's {@code PATH}) and its arguments; at least one word,
 *                 none with a NUL
 * @param env      extra variables, over the release's config vars
 * @param terminal the size of the terminal to give the process; empty for pipes
 * @param detached true to send the output to the app's log stream instead of to a caller
 */
public record OneOffCommand(List<String> argv, Map<String, String> env, Optional<Terminal> terminal, boolean detached) {

    /** Longest command line accepted, all words together. */
    public static final int MAX_LENGTH = 10_000;

    public OneOffCommand {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        Objects.requireNonNull(terminal, "terminal");
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("the command must name a program to run");
        }
        int length = 0;
        for (String word : argv) {
            if (word.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("the command must not contain NUL characters");
            }
            length += word.length() + 1;
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("the command must be at most " + MAX_LENGTH + " characters");
        }
        if (detached && terminal.isPresent()) {
            throw new IllegalArgumentException("a detached process has no terminal");
        }
    }

    /** The words as one line a POSIX shell reads back into the same words (for logs and for shells). */
    public String line() {
        return ShellQuoting.join(argv);
    }

    /**
     * The size of a terminal in character cells.
     *
     * @param columns 1 to 10,000
     * @param rows    1 to 10,000
     */
    public record Terminal(int columns, int rows) {
        public Terminal {
            if (columns < 1 || columns > 10_000 || rows < 1 || rows > 10_000) {
                throw new IllegalArgumentException("a terminal's size must be 1 to 10000 columns and rows, not "
                        + columns + "x" + rows);
            }
        }
    }
}
