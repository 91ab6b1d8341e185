package dev.ferry.core.api;

import java.util.List;

/**
 * A TCP route, in {@code GET /api/tcp-routes} and as the answer of each change to one: a {@link RouteInfo} keyed by
 * the router's port, without a body limit, with {@code tcp://} target URLs.
 *
 * @param port        the router's port it listens on
 * @param targets     where connections go
 * @param balancing   {@code round-robin}, {@code least-connections}, ...
 * @param affinity    true when a client sticks to one target
 * @param healthCheck the active health check; {@code null} for none
 */
public record TcpRouteInfo(int port, List<RouteTarget> targets, String balancing, boolean affinity,
                           HealthCheckInfo healthCheck) {

    public TcpRouteInfo {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
