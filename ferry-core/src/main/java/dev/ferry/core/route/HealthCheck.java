package dev.ferry.core.route;

import java.time.Duration;
import java.util.Objects;

/**
 * An active health check of every endpoint of a pool: {@code GET path} each {@code interval}; an answer
 * below 500 within {@code timeout} is a success. An endpoint is taken out after {@code fall} failures in a
 * row and put back after {@code rise} successes in a row. Defaults: {@code /}, 5 s, 2 s, rise 2, fall 3.
 */
public record HealthCheck(String path, Duration interval, Duration timeout, int rise, int fall) {

    public static final HealthCheck DEFAULT = new HealthCheck("/", Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3);

    public HealthCheck {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == ',')) {
            throw new IllegalArgumentException("health check path '" + path + "' must start with / and hold no spaces or commas");
        }
        if (interval.toMillis() < 100 || interval.toMillis() > 3_600_000) {
            throw new IllegalArgumentException("health check interval must be between 100 ms and 1 h");
        }
        if (timeout.toMillis() < 10 || timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("health check timeout must be at least 10 ms and at most the interval");
        }
        if (rise < 1 || rise > 100 || fall < 1 || fall > 100) {
            throw new IllegalArgumentException("health check rise and fall must be between 1 and 100");
        }
    }
}
