package dev.ferry.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Which part of a long list to read, newest first: at most {@code limit} items after {@code cursor}.
 * Start with {@link #first(int)} and go on with the {@link Paged#next()} of each answer.
 *
 * @param limit 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} in {@link #FIRST}
 * @param cursor opaque; empty for the first page
 */
public record Page(int limit, Optional<String> cursor) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;
    /** The size of {@link #FIRST}. */
    public static final int DEFAULT_LIMIT = 50;
    /** The first {@value #DEFAULT_LIMIT} items. */
    public static final Page FIRST = first(DEFAULT_LIMIT);

    public Page {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        Objects.requireNonNull(cursor, "cursor");
    }

    /** The first {@code limit} items. */
    public static Page first(int limit) {
        return new Page(limit, Optional.empty());
    }

    /** The {@code limit} items after {@code cursor}, a value taken from {@link Paged#next()}. */
    public static Page after(String cursor, int limit) {
        return new Page(limit, Optional.of(cursor));
    }
}
