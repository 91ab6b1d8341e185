package dev.ferry.core.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP route: a normalised domain (exact or {@code *.suffix}), its pool of endpoints and its policy.
 * A route with an empty pool exists and answers 503 {@code no_healthy_instance}.
 */
public record Route(String domain, List<Endpoint> endpoints, RoutePolicy policy) {

    public Route {
        domain = HostName.normalizeDomain(domain);
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(policy, "policy");
        if (endpoints.stream().map(Endpoint::id).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("route " + domain + " lists an endpoint twice");
        }
    }

    /** A route with no endpoints and the default policy. */
    public static Route empty(String domain) {
        return new Route(domain, List.of(), RoutePolicy.DEFAULT);
    }

    public Optional<Endpoint> endpoint(String id) {
        return endpoints.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** This route with {@code endpoint} added, or replacing the one of the same id. */
    public Route withEndpoint(Endpoint endpoint) {
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
        return new Route(domain, list, policy);
    }

    /** This route without the endpoint of that id. */
    public Route withoutEndpoint(String endpointId) {
        return new Route(domain, endpoints.stream().filter(e -> !e.id().equals(endpointId)).toList(), policy);
    }

    public Route withPolicy(RoutePolicy newPolicy) {
        return new Route(domain, endpoints, newPolicy);
    }
}
