package dev.ferry.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list read with a {@link Page}.
 *
 * @param items newest first
 * @param next the page after this one; empty when this is the last
 */
public record Paged<T>(List<T> items, Optional<Page> next) {

    public Paged {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
