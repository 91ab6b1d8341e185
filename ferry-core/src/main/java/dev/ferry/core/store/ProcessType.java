package dev.ferry.core.store;

import java.util.regex.Pattern;

/**
 * The rule for process type names ({@code web}, {@code worker}, {@code release}) as they appear in a
 * Procfile, a {@link Release} and a {@link Formation}: 1 to 63 lowercase letters, digits, dashes and
 * underscores, starting with a letter or digit.
 */
public final class ProcessType {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private ProcessType() {
    }

    /** Returns {@code name} when it is a valid process type, or throws a sentence saying why not. */
    public static String requireValid(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a process type name: use 1 to 63 lowercase"
                    + " letters, digits, '-' and '_'");
        }
        return name;
    }
}
