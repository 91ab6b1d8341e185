package dev.ferry.runtime.local;

import java.time.Duration;

/**
 * The restart delays of one crashing instance: at once, then {@code first}, doubling up to {@code max}
 * (1 s, 2 s, 4 s … 5 min by default). {@link #reset} starts over, after an instance stayed up long enough.
 * Not thread-safe: used under its instance's lock.
 */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private int failures;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** The wait before the next restart, and counts it. */
    Duration next() {
        int n = failures++;
        if (n == 0) {
            return Duration.ZERO;
        }
        long millis = first.toMillis() << Math.min(n - 1, 30);
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    void reset() {
        failures = 0;
    }
}
