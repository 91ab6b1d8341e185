package dev.ferry.core.route;

import java.util.ArrayList;
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
        if (endpoints.stream().map(Endpoint::id).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("TCP route " + port + " lists an endpoint twice");
        }
    }

    public static TcpRoute empty(int port) {
        return new TcpRoute(port, List.of(), RoutePolicy.DEFAULT);
    }

    public TcpRoute withEndpoint(Endpoint endpoint) {
        List<Endpoint> list = new ArrayList<>(endpoints.size() + 1);
        boolean replaced = false;
        for (Endpoint e : endpoints) {
            if (e.id().equals(endpoint.id())) {
                list.add(endpoint);
                replaced = true;
            } else {
                list.add(e);
            }
        }
        if (!replaced) {
            list.add(endpoint);
        }
        return new TcpRoute(port, list, policy);
    }

    public TcpRoute withoutEndpoint(String endpointId) {
        return new TcpRoute(port, endpoints.stream().filter(e -> !e.id().equals(endpointId)).toList(), policy);
    }

    public TcpRoute withPolicy(RoutePolicy newPolicy) {
        return new TcpRoute(port, endpoints, newPolicy);
    }
}
