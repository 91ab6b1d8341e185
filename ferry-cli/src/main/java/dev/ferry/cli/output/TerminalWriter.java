package dev.ferry.cli.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The writer every command prints through (installed by {@link OutputEscaping}): text is escaped as its
 * {@link Escaping} says, and only {@link #printStyled} may add the CLI's own colours, when colour is on.
 */
public final class TerminalWriter extends PrintWriter {

    private final Escaping escaping;
    private final boolean colour;

    /** Flushes on every line, so a long-running command's output (such as {@code ferry gateway}'s) appears at once. */
    public TerminalWriter(Writer target, Escaping escaping, boolean colour) {
        super(target, true);
        this.escaping = escaping;
        this.colour = colour;
    }

    /** {@code target} when it already is a {@link TerminalWriter} (escaping twice would show the escapes), else one over it. */
    public static TerminalWriter over(PrintWriter target, Escaping escaping, boolean colour) {
        return target instanceof TerminalWriter terminal ? terminal : new TerminalWriter(target, escaping, colour);
    }

    /** Prints {@code text} in {@code style} when colour is on, plainly otherwise; the text is escaped either way. */
    public void printStyled(Style style, String text) {
        if (!colour || style == null) {
            print(text);
            return;
        }
        raw(style.on());
        print(text);
        raw(Style.off());
    }

    /** Prints {@code text} in {@code style} on {@code out} when it is a colouring {@link TerminalWriter}; plainly otherwise. */
    public static void print(PrintWriter out, Style style, String text) {
        if (out instanceof TerminalWriter terminal) {
            terminal.printStyled(style, text);
        } else {
            out.print(text);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        String escaped = TerminalText.escape(s.substring(off, off + len), escaping);
        super.write(escaped, 0, escaped.length());
    }

    @Override
    public void write(char[] buf, int off, int len) {
        write(new String(buf, off, len), 0, len);
    }

    @Override
    public void write(int c) {
        write(String.valueOf((char) c), 0, 1);
    }

    private void raw(String sequence) {
        synchronized (lock) {
            try {
                out.write(sequence);
            } catch (IOException e) {
                setError();
            }
        }
    }
}
