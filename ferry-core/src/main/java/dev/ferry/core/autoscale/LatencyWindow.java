package dev.ferry.core.autoscale;

import java.time.Duration;
import java.util.Objects;

/**
 * The response times of an app's requests in one span of time, as {@link LatencySource} reports them.
 *
 * @param requests how many requests ended in the span
 * @param p95      the time 95 % of them took at most; zero when there were none
 */
public record LatencyWindow(long requests, Duration p95) {

    public static final LatencyWindow EMPTY = new LatencyWindow(0, Duration.ZERO);

    public LatencyWindow {
        Objects.requireNonNull(p95, "p95");
        if (requests < 0) {
            throw new IllegalArgumentException("requests must not be negative");
        }
    }
}
