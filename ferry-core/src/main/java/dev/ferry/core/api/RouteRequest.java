package dev.ferry.core.api;

import java.util.Optional;

/**
 * {@code POST /api/routes}: a target added to a domain's pool, the route made when absent, with the route's policy
 * changed where a field is given. Every component but {@code domain} and {@code targetUrl} may be {@code null}: not
 * given, the route keeps what it has (a new one the defaults).
 *
 * @param domain       the host to route, e.g. {@code app1.local} or {@code *.example.com}
 * @param targetUrl    where requests go, e.g. {@code http://127.0.0.1:9001}
 * @param weight       the target's share of traffic, 1-1000 (default 1)
 * @param force        true to add the target to a host of an app (it joins the pool of the app's instances)
 * @param balancing    {@code round_robin} or {@code least_outstanding}
 * @param affinity     true to keep a client on one target with a cookie
 * @param healthCheck  the active health check: {@code null} leaves it as it is, empty (written {@code null}) removes
 *                     it, present sets it
 * @param maxBodyBytes the largest request body forwarded (then 413); 0 removes the route's own limit
 * @param protocol     how the router speaks to the targets: {@code http1} (the default) or {@code h2c} (gRPC apps)
 */
public record RouteRequest(String domain, String targetUrl, Integer weight, Boolean force, String balancing,
                           Boolean affinity, Optional<HealthCheckRequest> healthCheck, Long maxBodyBytes,
                           String protocol) {

    /** A request that leaves the backend protocol as it is. */
    public RouteRequest(String domain, String targetUrl, Integer weight, Boolean force, String balancing,
                        Boolean affinity, Optional<HealthCheckRequest> healthCheck, Long maxBodyBytes) {
        this(domain, targetUrl, weight, force, balancing, affinity, healthCheck, maxBodyBytes, null);
    }

    /** A target with nothing else changed. */
    public static RouteRequest target(String domain, String targetUrl) {
        return new RouteRequest(domain, targetUrl, null, null, null, null, null, null);
    }
}
