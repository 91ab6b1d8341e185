package dev.ferry.core.store;

/**
 * The store's identifier of a {@link Build}: a positive number assigned when the build is queued and never
 * reused, shown to people as {@code b-<number>} (e.g. {@code b-17}).
 */
public record BuildId(long value) {

    private static final String PREFIX = "b-";

    /**
     * @throws IllegalArgumentException when {@code value} is not positive
     */
    public BuildId {
        if (value <= 0) {
            throw new IllegalArgumentException("build id must be positive, got " + value);
        }
    }

    /**
     * The id written as {@code b-17} (or {@code 17}).
     *
     * @throws IllegalArgumentException when {@code text} is not a build id
     */
    public static BuildId parse(String text) {
        String digits = text != null && text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        if (digits == null || digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "' is not a build id such as b-17");
        }
        return new BuildId(Long.parseLong(digits));
    }

    /** True when {@code text} is a build id {@link #parse} accepts. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return PREFIX + value;
    }
}
