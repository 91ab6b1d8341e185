package dev.ferry.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How Ferry's ACME issuer fares with one host of an app: {@code VALID} once a certificate was issued for it,
 * {@code FAILING} after a failed order (the old certificate, if any, keeps serving), {@code WAITING_DNS} while the
 * name does not resolve to Ferry (nothing is ordered), with the message the CA or the check gave, how many failures
 * or checks in a row, and when the next try is due (the issuer's backoff).
 *
 * @param failures      failed orders, or DNS checks, in a row; 0 when {@code VALID}
 * @param nextAttemptAt when the issuer may try again after a failure or check; for {@code VALID}, when it was issued
 */
public record AcmeHostStatus(AppName app, String host, State state, String message, int failures,
                             Instant nextAttemptAt, Instant updatedAt) {

    /** The outcome of the last order for a host. */
    public enum State {
        VALID,
        FAILING,
        /** The name does not resolve to Ferry yet: no order is made until it does. */
        WAITING_DNS
    }

    public AcmeHostStatus {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be >= 0, not " + failures);
        }
    }
}
