package dev.ferry.core.store;

/**
 * The store's identifier of a {@link User}: a positive number assigned when the user is created and never
 * reused.
 */
public record UserId(long value) {

    /**
     * @throws IllegalArgumentException when {@code value} is not positive
     */
    public UserId {
        if (value <= 0) {
            throw new IllegalArgumentException("user id must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
