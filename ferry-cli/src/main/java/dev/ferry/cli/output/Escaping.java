package dev.ferry.cli.output;

/**
 * How much of a text the CLI escapes before it reaches the terminal (see {@link TerminalText}).
 *
 * <ul>
 *   <li>{@link #ALL}: every control character is shown as an escape ({@code \e}, {@code \r}, {@code \n},
 *       {@code \x07}, {@code \u009b}, bidi overrides); the default for everything the CLI prints.</li>
 *   <li>{@link #KEEP_COLOUR}: the same, except new lines, tabs and colour sequences ({@code ESC [ … m}); for an
 *       app's logs and build output on a terminal.</li>
 *   <li>{@link #NONE}: as received; for output meant for programs (a config value or logs piped to a file,
 *       git's credential protocol, the completion script, help text the CLI wrote itself).</li>
 * </ul>
 */
public enum Escaping {
    ALL, KEEP_COLOUR, NONE
}
