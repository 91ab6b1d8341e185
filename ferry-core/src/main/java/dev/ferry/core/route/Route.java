package dev.ferry.core.route;

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
        Pools.checkDistinct(endpoints, String.valueOf(domain));
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
        return new Route(domain, Pools.with(endpoints, endpoint), policy);
    }

    /** This route without the endpoint of that id. */
    public Route withoutEndpoint(String endpointId) {
        return new Route(domain, Pools.without(endpoints, endpointId), policy);
    }

    public Route withPolicy(RoutePolicy newPolicy) {
        return new Route(domain, endpoints, newPolicy);
    }
}
