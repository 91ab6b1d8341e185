package dev.ferry.core.access;

import java.time.Duration;
import java.util.Objects;

/**
 * How many failed authentications one client address may make before it is refused for a while: after
 * {@code maxFailures} failures within {@code window}, every authentication from that address is refused for
 * {@code window} (API and git over HTTP: 429 with {@code Retry-After}; SSH: disconnected; tunnel agents: refused
 * with {@code too_many_failures}). Successes do not reset the count.
 *
 * @param maxFailures failures allowed per window; default {@value #DEFAULT_MAX_FAILURES}
 * @param window      the window, and how long an address is then refused; default 60 s
 */
public record AuthFailureLimits(int maxFailures, Duration window) {

    public static final int DEFAULT_MAX_FAILURES = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    /** The defaults: 20 failures a minute, then a minute's refusal. */
    public static final AuthFailureLimits DEFAULT = new AuthFailureLimits(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW);

    public AuthFailureLimits {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("at least 1 failed authentication must be allowed per window");
        }
        Objects.requireNonNull(window, "window");
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("the failed-authentication window must be at least 1 s");
        }
    }
}
