package dev.ferry.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the store keeps about an API token: everything but its secret, which is shown once
 * ({@link NewToken}) and stored only as a SHA-256 hash.
 *
 * @param id public identifier, used by {@code tokens:revoke ID}
 * @param lastUsedAt when {@link AccountStore#authenticate} last accepted it, to a precision of about a minute;
 *     empty if never used
 */
public record ApiToken(String id, UserId user, String description, Instant createdAt, Optional<Instant> lastUsedAt) {

    /** The longest description accepted. */
    public static final int MAX_DESCRIPTION_LENGTH = 200;

    private static final Pattern ID = Pattern.compile("[a-z0-9]{4,64}");

    public ApiToken {
        requireValidId(id);
        Objects.requireNonNull(user, "user");
        requireValidDescription(description);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    /** Checks the form of a token id: 4 to 64 lowercase letters and digits. */
    public static String requireValidId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a token id");
        }
        return id;
    }

    /** Checks a description: at most {@value #MAX_DESCRIPTION_LENGTH} characters, no control characters. */
    public static String requireValidDescription(String description) {
        Objects.requireNonNull(description, "description");
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("token description is longer than " + MAX_DESCRIPTION_LENGTH
                    + " characters");
        }
        if (description.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("token description contains a control character");
        }
        return description;
    }
}
