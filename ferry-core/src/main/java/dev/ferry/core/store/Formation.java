package dev.ferry.core.store;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many instances of each process type an app should run ({@code ps:scale web=3 worker=1}). A type
 * without an entry runs no instance. A first deploy gives {@code web} one instance and every other type none.
 *
 * @param quantities process type to quantity, each 0 to {@value #MAX_QUANTITY}; ordered by type
 */
public record Formation(AppName app, Map<String, Integer> quantities) {

    /** The most instances of one process type. */
    public static final int MAX_QUANTITY = 100;

    public Formation {
        Objects.requireNonNull(app, "app");
        quantities = copyQuantities(quantities);
    }

    /** The quantity of {@code type}, 0 when absent. */
    public int quantity(String type) {
        return quantities.getOrDefault(type, 0);
    }

    /** Validates and copies a process type → quantity map, ordered by type. */
    public static Map<String, Integer> copyQuantities(Map<String, Integer> quantities) {
        TreeMap<String, Integer> copy = new TreeMap<>();
        quantities.forEach((type, quantity) -> {
            ProcessType.requireValid(type);
            if (quantity == null || quantity < 0 || quantity > MAX_QUANTITY) {
                throw new IllegalArgumentException("quantity of " + type + " must be 0 to " + MAX_QUANTITY
                        + ", got " + quantity);
            }
            copy.put(type, quantity);
        });
        return Collections.unmodifiableSortedMap(copy);
    }
}
