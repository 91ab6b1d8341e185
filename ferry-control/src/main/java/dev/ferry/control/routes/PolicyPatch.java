package dev.ferry.control.routes;

import dev.ferry.control.json.RequestBody;
import dev.ferry.control.error.InvalidSetting;
import dev.ferry.core.route.Balancing;
import dev.ferry.core.route.HealthCheck;
import dev.ferry.core.route.RoutePolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The policy fields a request may carry ({@code balancing}, {@code affinity}, {@code healthCheck} and, for
 * HTTP routes, {@code maxBodyBytes}), each optional; {@link #applyTo} changes only those given. A
 * {@code healthCheck} of {@code null} removes the active health check; its own fields default to
 * {@link HealthCheck#DEFAULT}'s (the timeout at most the interval). A {@code maxBodyBytes} of 0 removes the
 * route's body limit; a negative one is refused with 422.
 */
record PolicyPatch(Optional<Balancing> balancing, Optional<Boolean> affinity, boolean healthCheckGiven, HealthCheck healthCheck,
                   Optional<Long> maxBodyBytes) {

    static final Set<String> FIELDS = Set.of("balancing", "affinity", "healthCheck", "maxBodyBytes");
    private static final Set<String> HEALTH_FIELDS = Set.of("path", "intervalMs", "timeoutMs", "rise", "fall");

    /** Reads the policy fields of {@code body}; throws 400 for wrong types and 422 for bad values. */
    static PolicyPatch read(RequestBody body) {
        Optional<Balancing> balancing = body.optionalText("balancing").map(PolicyPatch::balancing);
        Optional<Boolean> affinity = body.optionalBoolean("affinity");
        boolean healthGiven = body.has("healthCheck");
        HealthCheck health = body.optionalObject("healthCheck", HEALTH_FIELDS).map(PolicyPatch::healthCheck).orElse(null);
        Optional<Long> maxBodyBytes = body.optionalLong("maxBodyBytes");
        if (maxBodyBytes.isPresent() && maxBodyBytes.get() < 0) {
            throw new InvalidSetting("maxBodyBytes must be 0 (no limit) or a positive number of bytes");
        }
        return new PolicyPatch(balancing, affinity, healthGiven, health, maxBodyBytes);
    }

    boolean isEmpty() {
        return balancing.isEmpty() && affinity.isEmpty() && !healthCheckGiven && maxBodyBytes.isEmpty();
    }

    RoutePolicy applyTo(RoutePolicy policy) {
        RoutePolicy p = policy;
        if (balancing.isPresent()) {
            p = p.withBalancing(balancing.get());
        }
        if (affinity.isPresent()) {
            p = p.withAffinity(affinity.get());
        }
        if (healthCheckGiven) {
            p = p.withHealthCheck(healthCheck);
        }
        if (maxBodyBytes.isPresent()) {
            p = p.withMaxBodyBytes(maxBodyBytes.get());
        }
        return p;
    }

    private static Balancing balancing(String value) {
        try {
            return Balancing.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(e.getMessage());
        }
    }

    private static HealthCheck healthCheck(RequestBody h) {
        HealthCheck d = HealthCheck.DEFAULT;
        String path = h.optionalText("path").orElse(d.path());
        long intervalMs = h.optionalInt("intervalMs").map(Integer::longValue).orElse(d.interval().toMillis());
        // A shorter interval than the default timeout brings the default timeout down with it.
        long timeoutMs = h.optionalInt("timeoutMs").map(Integer::longValue).orElse(Math.min(d.timeout().toMillis(), intervalMs));
        int rise = h.optionalInt("rise").orElse(d.rise());
        int fall = h.optionalInt("fall").orElse(d.fall());
        try {
            return new HealthCheck(path, Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs), rise, fall);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(e.getMessage());
        }
    }
}
