package dev.ferry.core.runtime;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Quotes words for a POSIX shell so that it reads them back exactly: a word of safe characters stays as it is,
 * any other is put in single quotes ({@code '} itself as {@code '\''}). Used where a program must be handed to a
 * shell (a terminal's {@code script -c}) without the shell re-splitting or expanding anything.
 */
public final class ShellQuoting {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    /** One word, quoted when it needs to be. */
    public static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words quoted and joined with spaces. */
    public static String join(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(quote(w));
        }
        return line.toString();
    }
}
