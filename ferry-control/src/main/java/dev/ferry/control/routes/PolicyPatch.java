package dev.ferry.control.routes;

import dev.ferry.control.error.InvalidSetting;
import dev.ferry.core.api.HealthCheckRequest;
import dev.ferry.core.api.RoutePolicyRequest;
import dev.ferry.core.api.RouteRequest;
import dev.ferry.core.api.TcpRouteRequest;
import dev.ferry.core.route.BackendProtocol;
import dev.ferry.core.route.Balancing;
import dev.ferry.core.route.HealthCheck;
import dev.ferry.core.route.RoutePolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * The policy fields of a route request ({@link RouteRequest}, {@link RoutePolicyRequest}, {@link TcpRouteRequest}:
 * {@code balancing}, {@code affinity}, {@code healthCheck} and, for HTTP routes, {@code maxBodyBytes} and
 * {@code protocol}), each optional; {@link #applyTo} changes only those given. A
 * {@code healthCheck} of {@code null} removes the active health check; its own fields default to
 * {@link HealthCheck#DEFAULT}'s (the timeout at most the interval). A {@code maxBodyBytes} of 0 removes the
 * route's body limit; a negative one is refused with 422.
 */
record PolicyPatch(Optional<Balancing> balancing, Optional<Boolean> affinity, boolean healthCheckGiven, HealthCheck healthCheck,
                   Optional<Long> maxBodyBytes, Optional<BackendProtocol> protocol) {

    /** The policy a {@code PATCH} asks for; throws 422 for bad values. */
    static PolicyPatch of(RoutePolicyRequest r) {
        return of(r.balancing(), r.affinity(), r.healthCheck(), r.maxBodyBytes(), r.protocol());
    }

    /** The policy a route's creation asks for; throws 422 for bad values. */
    static PolicyPatch of(RouteRequest r) {
        return of(r.balancing(), r.affinity(), r.healthCheck(), r.maxBodyBytes(), r.protocol());
    }

    /** The policy a TCP route's creation asks for (its balancing only); throws 422 for a bad value. */
    static PolicyPatch of(TcpRouteRequest r) {
        return of(r.balancing(), null, null, null, null);
    }

    private static PolicyPatch of(String balancing, Boolean affinity, Optional<HealthCheckRequest> health,
                                  Long maxBodyBytes, String protocol) {
        if (maxBodyBytes != null && maxBodyBytes < 0) {
            throw new InvalidSetting("maxBodyBytes must be 0 (no limit) or a positive number of bytes");
        }
        return new PolicyPatch(Optional.ofNullable(balancing).map(PolicyPatch::balancing), Optional.ofNullable(affinity),
                health != null, health == null ? null : health.map(PolicyPatch::healthCheck).orElse(null),
                Optional.ofNullable(maxBodyBytes), Optional.ofNullable(protocol).map(PolicyPatch::protocol));
    }

    boolean isEmpty() {
        return balancing.isEmpty() && affinity.isEmpty() && !healthCheckGiven && maxBodyBytes.isEmpty() && protocol.isEmpty();
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
        if (protocol.isPresent()) {
            p = p.withProtocol(protocol.get());
        }
        return p;
    }

    private static BackendProtocol protocol(String value) {
        try {
            return BackendProtocol.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(e.getMessage());
        }
    }

    private static Balancing balancing(String value) {
        try {
            return Balancing.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(e.getMessage());
        }
    }

    private static HealthCheck healthCheck(HealthCheckRequest h) {
        HealthCheck d = HealthCheck.DEFAULT;
        String path = h.path() == null ? d.path() : h.path();
        long intervalMs = h.intervalMs() == null ? d.interval().toMillis() : h.intervalMs();
        // A shorter interval than the default timeout brings the default timeout down with it.
        long timeoutMs = h.timeoutMs() == null ? Math.min(d.timeout().toMillis(), intervalMs) : h.timeoutMs();
        int rise = h.rise() == null ? d.rise() : h.rise();
        int fall = h.fall() == null ? d.fall() : h.fall();
        try {
            return new HealthCheck(path, Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs), rise, fall);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(e.getMessage());
        }
    }
}
