package dev.ferry.core.api;

/**
 * The router's active health check of a route's targets, in {@link RouteInfo} and {@link TcpRouteInfo}.
 *
 * @param path       the path probed (HTTP routes)
 * @param intervalMs between probes
 * @param timeoutMs  how long one probe may take
 * @param rise       successes in a row that bring a target back
 * @param fall       failures in a row that take a target out
 */
public record HealthCheckInfo(String path, long intervalMs, long timeoutMs, int rise, int fall) {
}
