package dev.ferry.tunnel.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff for reconnecting: the n-th consecutive failure waits a random time between half
 * and all of {@code initial * 2^n}, capped at {@code max}; a success starts over. Jitter keeps a fleet of agents
 * from reconnecting in lockstep after a gateway restart. Not thread-safe; one per connection slot.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    Duration next() {
        long ceiling = initialMillis << Math.min(failures, 20);
        ceiling = Math.min(Math.max(ceiling, 1), maxMillis);
        failures++;
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return Duration.ofMillis(Math.max(1, delay));
    }

    void reset() {
        failures = 0;
    }
}
