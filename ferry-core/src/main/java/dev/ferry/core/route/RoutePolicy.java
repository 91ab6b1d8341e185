package dev.ferry.core.route;

import java.util.Objects;

/**
 * How a route treats its pool: the balancing, session affinity (off by default; a cookie naming the
 * chosen endpoint's opaque id) and an optional active {@link HealthCheck} ({@code null} for none; passive
 * health always applies).
 */
public record RoutePolicy(Balancing balancing, boolean affinity, HealthCheck healthCheck) {

    /** Round-robin, no affinity, no active health check. */
    public static final RoutePolicy DEFAULT = new RoutePolicy(Balancing.ROUND_ROBIN, false, null);

    public RoutePolicy {
        Objects.requireNonNull(balancing, "balancing");
    }

    public RoutePolicy withBalancing(Balancing b) {
        return new RoutePolicy(b, affinity, healthCheck);
    }

    public RoutePolicy withAffinity(boolean a) {
        return new RoutePolicy(balancing, a, healthCheck);
    }

    public RoutePolicy withHealthCheck(HealthCheck h) {
        return new RoutePolicy(balancing, affinity, h);
    }
}
