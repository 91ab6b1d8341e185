package dev.ferry.core.api;

import java.util.List;

/**
 * An HTTP route made with the routes API, in {@code GET /api/routes} and as the answer of each change to one. The
 * routes API always writes every field, a route without a health check as {@code "healthCheck": null}.
 *
 * @param domain       the host it answers
 * @param targets      where requests go
 * @param balancing    {@code round-robin}, {@code least-connections}, ...
 * @param affinity     true when a client sticks to one target (a cookie)
 * @param healthCheck  the active health check; {@code null} for none
 * @param maxBodyBytes the route's own limit of a request body; 0 for none of its own
 * @param protocol     how the router speaks to the targets: {@code http1} or {@code h2c}
 */
public record RouteInfo(String domain, List<RouteTarget> targets, String balancing, boolean affinity,
                        HealthCheckInfo healthCheck, long maxBodyBytes, String protocol) {

    public RouteInfo {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
