package dev.ferry.core.route;

import java.util.List;
import java.util.Objects;

/**
 * A TCP route: raw bytes arriving on a listener {@code port} of the router are relayed to one endpoint of
 * the pool, chosen with the route's balancing; passive health applies as for HTTP routes.
 */
public record TcpRoute(int port, List<Endpoint> endpoints, RoutePolicy policy) {

    public TcpRoute {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("TCP route port " + port + " is outside 1-65535");
        }
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(policy, "policy");
        Pools.checkDistinct(endpoints, String.valueOf(port));
    }

    public static TcpRoute empty(int port) {
        return new TcpRoute(port, List.of(), RoutePolicy.DEFAULT);
    }

    public TcpRoute withEndpoint(Endpoint endpoint) {
        return new TcpRoute(port, Pools.with(endpoints, endpoint), policy);
    }

    public TcpRoute withoutEndpoint(String endpointId) {
        return new TcpRoute(port, Pools.without(endpoints, endpointId), policy);
    }

    public TcpRoute withPolicy(RoutePolicy newPolicy) {
        return new TcpRoute(port, endpoints, newPolicy);
    }
}
