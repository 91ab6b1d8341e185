package dev.ferry.core.api;

import java.util.Optional;

/**
 * {@code PATCH /api/routes/{domain}}: the route's policy changed where a field is given; each component as in
 * {@link RouteRequest}, {@code null} for unchanged.
 *
 * @param balancing    {@code round_robin} or {@code least_outstanding}
 * @param affinity     true to keep a client on one target with a cookie
 * @param healthCheck  {@code null} leaves it as it is, empty (written {@code null}) removes it, present sets it
 * @param maxBodyBytes the largest request body forwarded (then 413); 0 removes the route's own limit
 * @param protocol     how the router speaks to the targets: {@code http1} or {@code h2c} (gRPC apps)
 */
public record RoutePolicyRequest(String balancing, Boolean affinity, Optional<HealthCheckRequest> healthCheck,
                                 Long maxBodyBytes, String protocol) {
}
