package dev.ferry.core.manifest;

import dev.ferry.core.store.Formation;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code app.json}'s {@code formation} ({@code "worker": {"quantity": 1, "size": "basic"}}).
 *
 * @param quantity how many instances the process type starts with, 0 to {@link Formation#MAX_QUANTITY}; default 1
 * @param size     the instance size as written; empty when absent. The local runtime has one size and does not
 *                 use it
 */
public record ProcessFormation(int quantity, Optional<String> size) {

    public ProcessFormation {
        if (quantity < 0 || quantity > Formation.MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be 0 to " + Formation.MAX_QUANTITY + ", got " + quantity);
        }
        Objects.requireNonNull(size, "size");
    }
}
