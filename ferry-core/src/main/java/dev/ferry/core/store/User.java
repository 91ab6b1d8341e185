package dev.ferry.core.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person who uses Ferry through API tokens. An admin may add users ({@code users:add EMAIL}); the first
 * admin is created by {@code ferry up} on its first start ({@link AccountStore#bootstrapAdmin}).
 *
 * @param email lowercase, as normalised by {@link #normalizeEmail}
 */
public record User(UserId id, String email, boolean admin, Instant createdAt) {

    /** The longest e-mail address accepted (RFC 5321's path limit). */
    public static final int MAX_EMAIL_LENGTH = 254;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!email.equals(normalizeEmail(email))) {
            throw new IllegalArgumentException("e-mail address '" + email + "' is not in its normal form");
        }
    }

    /**
     * Returns the address trimmed and in lowercase, which is how users are stored and looked up.
     *
     * @throws IllegalArgumentException when it is not of the form {@code name@host}
     */
    public static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("e-mail address is empty");
        }
        String normal = email.trim().toLowerCase(Locale.ROOT);
        if (normal.length() > MAX_EMAIL_LENGTH) {
            throw new IllegalArgumentException("e-mail address '" + email + "' is longer than "
                    + MAX_EMAIL_LENGTH + " characters");
        }
        if (!EMAIL.matcher(normal).matches() || normal.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'" + email + "' is not an e-mail address (name@host)");
        }
        return normal;
    }
}
