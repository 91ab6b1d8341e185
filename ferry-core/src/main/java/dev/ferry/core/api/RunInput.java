package dev.ferry.core.api;

/**
 * A text frame a client sends on {@code /api/apps/{app}/run/attach} once the process runs (binary frames are its
 * standard input): a new terminal size, or the end of standard input.
 *
 * @param resize the terminal's new size; {@code null} for none
 * @param eof    true to close the process's standard input
 */
public record RunInput(TerminalSize resize, Boolean eof) {

    public static RunInput resize(int columns, int rows) {
        return new RunInput(new TerminalSize(columns, rows), null);
    }

    public static RunInput endOfInput() {
        return new RunInput(null, true);
    }
}
