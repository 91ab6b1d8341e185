package dev.ferry.core.api;

/**
 * {@code POST /api/tcp-routes}: a target added to the TCP route of one of the router's ports, the route made when
 * absent.
 *
 * @param port      the router's listening port, 1-65535
 * @param targetUrl where connections go, e.g. {@code tcp://127.0.0.1:5432}
 * @param weight    the target's share of connections, 1-1000 (default 1); {@code null} for the default
 * @param balancing {@code round_robin} or {@code least_outstanding}; {@code null} leaves the route's as it is
 */
public record TcpRouteRequest(Integer port, String targetUrl, Integer weight, String balancing) {
}
