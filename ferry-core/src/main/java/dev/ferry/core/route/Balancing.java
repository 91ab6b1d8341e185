package dev.ferry.core.route;

import java.util.Locale;

/**
 * How a route spreads requests over its pool. Both honour endpoint weights.
 *
 * <ul>
 *   <li>{@link #ROUND_ROBIN} (the default): smooth weighted round-robin.</li>
 *   <li>{@link #LEAST_OUTSTANDING}: power of two choices on in-flight requests (or connections for TCP
 *       routes), scaled by weight.</li>
 * </ul>
 */
public enum Balancing {
    ROUND_ROBIN,
    LEAST_OUTSTANDING;

    /** The wire name: {@code round_robin} or {@code least_outstanding}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitively; dashes are accepted for underscores.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Balancing parse(String value) {
        if (value != null) {
            String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Balancing b : values()) {
                if (b.name().equals(v)) {
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("balancing '" + value + "' is not one of round_robin, least_outstanding");
    }
}
