package dev.ferry.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between tries of something that fails: after the n-th failure in a row (counted from 0),
 * {@code initial * factor^n}, capped at {@code max}, then shortened by a random part of at most {@code jitter}
 * of itself, so that many clients that failed together do not retry in lockstep. Immutable; the caller counts
 * its failures and starts over from 0 after a success.
 *
 * <p>{@link #DEFAULT}: 200 ms, doubling, up to 10 s, no jitter (the route registry's re-subscription and the
 * Redis registry's reconnect). Users: the local runtime's restarts of a crashing instance, the tunnel agent's
 * reconnects (jitter 0.5: between half and all of the wait), the log drains' resends.
 *
 * @param initial the wait after the first failure; not negative
 * @param max     the longest wait; not below {@code initial}
 * @param factor  how much each further failure multiplies the wait; at least 1
 * @param jitter  the largest part of a wait taken off at random, from 0 (none) to 1 (anything down to 0)
 */
public record Backoff(Duration initial, Duration max, double factor, double jitter) {

    /** 200 ms doubling up to 10 s, without jitter. */
    public static final Backoff DEFAULT = doubling(Duration.ofMillis(200), Duration.ofSeconds(10));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a backoff's initial wait must be >= 0 and its max >= initial, not "
                    + initial + " and " + max);
        }
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a backoff's factor must be a number >= 1, not " + factor);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("a backoff's jitter must be between 0 and 1, not " + jitter);
        }
    }

    /** Doubles from {@code initial} up to {@code max}, without jitter. */
    public static Backoff doubling(Duration initial, Duration max) {
        return new Backoff(initial, max, 2, 0);
    }

    /** This backoff with another jitter. */
    public Backoff withJitter(double part) {
        return new Backoff(initial, max, factor, part);
    }

    /** The wait after {@code failures + 1} failures in a row: {@code delay(0)} is the first wait. */
    public Duration delay(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be >= 0, not " + failures);
        }
        long maxMillis = max.toMillis();
        double ceiling = initial.toMillis() * Math.pow(factor, failures);
        long millis = ceiling >= maxMillis ? maxMillis : (long) ceiling;
        if (jitter > 0 && millis > 0) {
            long cut = (long) (millis * jitter);
            millis -= ThreadLocalRandom.current().nextLong(cut + 1);
        }
        return Duration.ofMillis(millis);
    }
}
