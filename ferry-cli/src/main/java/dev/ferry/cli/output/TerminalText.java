package dev.ferry.cli.output;

/**
 * Makes text safe to print on a terminal: C0 controls, DEL, C1 controls and Unicode bidi overrides become
 * visible escapes, so a value set by someone else (a config var, an app name, a log line) cannot move the
 * cursor, rewrite a line with {@code \r}, change the window title, ring the bell or hide text.
 */
public final class TerminalText {

    private static final char ESC = '\u001b';

    private TerminalText() {
    }

    /** {@code text} with every control character escaped ({@link Escaping#ALL}). */
    public static String escape(String text) {
        return escape(text, Escaping.ALL);
    }

    /** {@code text} escaped as {@code mode} says. */
    public static String escape(String text, Escaping mode) {
        if (text == null || mode == Escaping.NONE || clean(text)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        boolean colourKept = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (mode == Escaping.KEEP_COLOUR && (c == '\n' || c == '\t')) {
                b.append(c);
            } else if (mode == Escaping.KEEP_COLOUR && c == ESC && colourSequenceEnd(text, i) > 0) {
                int end = colourSequenceEnd(text, i);
                b.append(text, i, end);
                i = end - 1;
                colourKept = true;
            } else if (isControl(c)) {
                b.append(escapeOf(c));
            } else {
                b.append(c);
            }
        }
        if (colourKept) {
            // a colour left on would spill into the next line and the prompt
            b.append("\u001b[0m");
        }
        return b.toString();
    }

    /** True when {@code c} is one of the characters {@link #escape} rewrites. */
    public static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static boolean clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The index after {@code ESC [ digits/semicolons m} starting at {@code i}, or -1. */
    private static int colourSequenceEnd(String text, int i) {
        if (i + 2 >= text.length() || text.charAt(i + 1) != '[') {
            return -1;
        }
        for (int j = i + 2; j < text.length() && j < i + 32; j++) {
            char c = text.charAt(j);
            if (c == 'm') {
                return j + 1;
            }
            if (!(Character.isDigit(c) || c == ';')) {
                return -1;
            }
        }
        return -1;
    }

    private static String escapeOf(char c) {
        return switch (c) {
            case ESC -> "\\e";
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\u0007' -> "\\a";
            case '\b' -> "\\b";
            default -> c < 0x80 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        };
    }
}
