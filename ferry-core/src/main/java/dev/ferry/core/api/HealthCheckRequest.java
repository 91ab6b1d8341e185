package dev.ferry.core.api;

/**
 * The active health check a route request sets ({@link RouteRequest}, {@link RoutePolicyRequest}); each component
 * {@code null} takes the router's default: {@code GET /}, every 5,000 ms, a timeout of 2,000 ms (at most the
 * interval), 2 successes to come back, 3 failures to go out.
 *
 * @param path       the path probed
 * @param intervalMs between probes
 * @param timeoutMs  how long one probe may take
 * @param rise       successes in a row that bring a target back
 * @param fall       failures in a row that take a target out
 */
public record HealthCheckRequest(String path, Integer intervalMs, Integer timeoutMs, Integer rise, Integer fall) {
}
