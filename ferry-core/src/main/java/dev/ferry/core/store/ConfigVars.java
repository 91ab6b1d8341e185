package dev.ferry.core.store;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An app's config vars: an immutable map from name to value, ordered by name.
 *
 * <p>Names are environment-variable names ({@code [A-Za-z_][A-Za-z0-9_]*}, at most {@value #MAX_NAME_LENGTH}
 * characters). Values are any text without a NUL character (the environment cannot carry one), up to
 * {@value #MAX_VALUE_LENGTH} characters; spaces, quotes, newlines, {@code =} and the empty string are kept
 * exactly. {@link #toString} prints names only, since values are often secrets.
 */
public final class ConfigVars {

    /** The longest name accepted. */
    public static final int MAX_NAME_LENGTH = 200;
    /** The longest value accepted, in UTF-16 chars. */
    public static final int MAX_VALUE_LENGTH = 64 * 1024;

    /** No config vars. */
    public static final ConfigVars EMPTY = new ConfigVars(new TreeMap<>());

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final SortedMap<String, String> values;

    private ConfigVars(TreeMap<String, String> values) {
        this.values = Collections.unmodifiableSortedMap(values);
    }

    /**
     * The vars of {@code values}, each name and value validated.
     *
     * @throws IllegalArgumentException naming the first bad name or value
     */
    public static ConfigVars of(Map<String, String> values) {
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((name, value) -> copy.put(requireValidName(name), requireValidValue(name, value)));
        return new ConfigVars(copy);
    }

    /** Checks a config var name. */
    public static String requireValidName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("config var name is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("config var name '" + name.substring(0, 40) + "…' is longer than "
                    + MAX_NAME_LENGTH + " characters");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("config var name '" + name + "' must start with a letter or '_'"
                    + " and contain only letters, digits and '_'");
        }
        return name;
    }

    /** Checks a config var value ({@code name} is used in the message). */
    public static String requireValidValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("config var " + name + " has no value");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("the value of config var " + name + " is longer than "
                    + MAX_VALUE_LENGTH + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the value of config var " + name + " contains a NUL character");
        }
        return value;
    }

    /** These vars with {@code set} added or replacing. */
    public ConfigVars with(Map<String, String> set) {
        TreeMap<String, String> copy = new TreeMap<>(values);
        copy.putAll(of(set).values);
        return new ConfigVars(copy);
    }

    /** These vars without {@code names}. */
    public ConfigVars without(Collection<String> names) {
        TreeMap<String, String> copy = new TreeMap<>(values);
        names.forEach(copy::remove);
        return new ConfigVars(copy);
    }

    /** The value of {@code name}, if set. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** An unmodifiable view, ordered by name. */
    public SortedMap<String, String> asMap() {
        return values;
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigVars other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ConfigVars" + values.keySet();
    }
}
