package dev.ferry.control.error;

import java.time.Duration;

/**
 * 429 {@code too_many_auth_failures}: the client's address failed to authenticate too often and is refused for a
 * while; {@link ApiErrorMapper} adds {@code Retry-After} with {@link #retryAfterSeconds()}.
 */
public final class TooManyAuthFailures extends ApiException {

    private final long retryAfterSeconds;

    public TooManyAuthFailures(Duration retryAfter) {
        super(429, "too_many_auth_failures", "Too many failed authentications from your address; try again in "
                + seconds(retryAfter) + " s.");
        this.retryAfterSeconds = seconds(retryAfter);
    }

    /** Whole seconds, rounded up, at least 1. */
    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
