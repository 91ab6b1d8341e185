package dev.ferry.core.api;

/**
 * The size of the terminal a one-off process runs on, in {@link RunStart} and {@link RunInput}.
 *
 * @param columns characters per line
 * @param rows    lines
 */
public record TerminalSize(int columns, int rows) {
}
