package dev.ferry.core.api;

/**
 * One target of a route made with the routes API, in {@link RouteInfo} and {@link TcpRouteInfo}.
 *
 * @param id     the target's id, to remove it by
 * @param url    {@code http://host:port} (HTTP routes) or {@code tcp://host:port} (TCP routes)
 * @param weight its share of the route's requests or connections, 1 to 100 (default 1)
 */
public record RouteTarget(String id, String url, int weight) {
}
