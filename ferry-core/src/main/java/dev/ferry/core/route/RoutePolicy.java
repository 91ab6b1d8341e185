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
 * @param maintenance  true while the app behind the name is in maintenance mode ({@code ferry maintenance:on}):
 *                     the router answers 503 {@code maintenance} with its maintenance page and passes nothing to
 *                     the pool, whose instances keep running; default false. Set by the control API.
 * @param protocol     how the router speaks to the backends: {@link BackendProtocol#HTTP1} (the default) or
 *                     {@link BackendProtocol#H2C} for gRPC apps. Ignored by TCP routes.
 */
public record RoutePolicy(Balancing balancing, boolean affinity, HealthCheck healthCheck, long maxBodyBytes,
                          boolean tunnel, boolean maintenance, BackendProtocol protocol) {

    /** Round-robin, no affinity, no active health check, no body limit, not a tunnel name, not in maintenance, HTTP/1.1. */
    public static final RoutePolicy DEFAULT = new RoutePolicy(Balancing.ROUND_ROBIN, false, null, 0, false, false);

    public RoutePolicy {
        Objects.requireNonNull(balancing, "balancing");
        Objects.requireNonNull(protocol, "protocol");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative (0 means no limit)");
        }
    }

    /** A policy whose backends speak HTTP/1.1. */
    public RoutePolicy(Balancing balancing, boolean affinity, HealthCheck healthCheck, long maxBodyBytes, boolean tunnel,
                       boolean maintenance) {
        this(balancing, affinity, healthCheck, maxBodyBytes, tunnel, maintenance, BackendProtocol.HTTP1);
    }

    /** A policy of a name that is not in maintenance. */
    public RoutePolicy(Balancing balancing, boolean affinity, HealthCheck healthCheck, long maxBodyBytes, boolean tunnel) {
        this(balancing, affinity, healthCheck, maxBodyBytes, tunnel, false);
    }

    /** A policy of a name that no tunnel publishes. */
    public RoutePolicy(Balancing balancing, boolean affinity, HealthCheck healthCheck, long maxBodyBytes) {
        this(balancing, affinity, healthCheck, maxBodyBytes, false, false);
    }

    /** A policy without a body limit of its own. */
    public RoutePolicy(Balancing balancing, boolean affinity, HealthCheck healthCheck) {
        this(balancing, affinity, healthCheck, 0, false, false);
    }

    public RoutePolicy withBalancing(Balancing b) {
        return new RoutePolicy(b, affinity, healthCheck, maxBodyBytes, tunnel, maintenance, protocol);
    }

    public RoutePolicy withAffinity(boolean a) {
        return new RoutePolicy(balancing, a, healthCheck, maxBodyBytes, tunnel, maintenance, protocol);
    }

    public RoutePolicy withHealthCheck(HealthCheck h) {
        return new RoutePolicy(balancing, affinity, h, maxBodyBytes, tunnel, maintenance, protocol);
    }

    /** This policy with a body limit; 0 removes it. */
    public RoutePolicy withMaxBodyBytes(long bytes) {
        return new RoutePolicy(balancing, affinity, healthCheck, bytes, tunnel, maintenance, protocol);
    }

    /** This policy with the tunnel-name flag set or cleared. */
    public RoutePolicy withTunnel(boolean t) {
        return new RoutePolicy(balancing, affinity, healthCheck, maxBodyBytes, t, maintenance, protocol);
    }

    /** This policy with maintenance mode on or off. */
    public RoutePolicy withMaintenance(boolean m) {
        return new RoutePolicy(balancing, affinity, healthCheck, maxBodyBytes, tunnel, m, protocol);
    }

    /** This policy with its backends reached over {@code p}. */
    public RoutePolicy withProtocol(BackendProtocol p) {
        return new RoutePolicy(balancing, affinity, healthCheck, maxBodyBytes, tunnel, maintenance, p);
    }
}
