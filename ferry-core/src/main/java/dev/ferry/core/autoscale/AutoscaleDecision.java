package dev.ferry.core.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One change the autoscaler made to an app's {@code web} quantity, kept as the app's last decisions
 * ({@code ferry ps:autoscale}) and told in its log stream and events.
 *
 * @param from     the quantity it found
 * @param to       the quantity it set: one more or one less, or the rule's bound when {@code from} was outside it
 * @param p95      the p95 response time it read, zero when the change only brings the quantity into the rule
 * @param requests the requests that p95 was read from
 * @param reason   one sentence, as in {@code autoscale: web 1→2, p95 812 ms > 500 ms}
 */
public record AutoscaleDecision(Instant at, int from, int to, Duration p95, long requests, String reason) {

    /** The longest reason kept. */
    public static final int MAX_REASON = 300;

    public AutoscaleDecision {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(reason, "reason");
        if (from == to || from < 0 || to < 0) {
            throw new IllegalArgumentException("a decision changes the quantity, not " + from + " to " + to);
        }
        reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    /** True when it added an instance. */
    public boolean up() {
        return to > from;
    }
}
