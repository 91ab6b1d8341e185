package dev.ferry.core.route;

import java.util.Objects;

/**
 * How a route treats its pool: the balancing, session affinity (off by default; a cookie naming the
 * chosen endpoint's opaque id), an optional active {@link HealthCheck} ({@code null} for none; passive
 * health always applies) and the largest request body the route accepts.
 *
 * @param maxBodyBytes largest request body in bytes, beyond which the router answers 413; default 0, which
 *                     means no limit of the route's own (bodies stream through, bounded only by the router's
 *                     global limit, if any). Ignored by TCP routes.
 * @param tunnel       true for a name published by a tunnel ({@code ferry tunnel}): when its pool is empty, the
 *                     device is offline and the router answers 503 {@code app_offline} with {@code Retry-After}
 *                     instead of {@code no_healthy_instance}; default false. Set by the tunnel gateway.
 */
public record RoutePolicy(Balancing balancing, boolean affinity, HealthCheck healthCheck, long maxBodyBytes,
                          boolean tunnel) {

    /** Round-robin, no affinity, no active health check, no body limit, not a tunnel name. */
    public static final RoutePolicy DEFAULT = new RoutePolicy(Balancing.ROUND_ROBIN, false, null, 0, false);

    public RoutePolicy {
        Objects.requireNonNull(balancing, "balancing");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative (0 means no limit)");
        }
    }

    /** A policy of a name that no tunnel publishes. */
    public RoutePolicy(Balancing balancing, boolean affinity, HealthCheck healthCheck, long maxBodyBytes) {
        this(balancing, affinity, healthCheck, maxBodyBytes, false);
    }

    /** A policy without a body limit of its own. */
    public RoutePolicy(Balancing balancing, boolean affinity, HealthCheck healthCheck) {
        this(balancing, affinity, healthCheck, 0, false);
    }

    public RoutePolicy withBalancing(Balancing b) {
        return new RoutePolicy(b, affinity, healthCheck, maxBodyBytes, tunnel);
    }

    public RoutePolicy withAffinity(boolean a) {
        return new RoutePolicy(balancing, a, healthCheck, maxBodyBytes, tunnel);
    }

    public RoutePolicy withHealthCheck(HealthCheck h) {
        return new RoutePolicy(balancing, affinity, h, maxBodyBytes, tunnel);
    }

    /** This policy with a body limit; 0 removes it. */
    public RoutePolicy withMaxBodyBytes(long bytes) {
        return new RoutePolicy(balancing, affinity, healthCheck, bytes, tunnel);
    }

    /** This policy with the tunnel-name flag set or cleared. */
    public RoutePolicy withTunnel(boolean t) {
        return new RoutePolicy(balancing, affinity, healthCheck, maxBodyBytes, t);
    }
}
