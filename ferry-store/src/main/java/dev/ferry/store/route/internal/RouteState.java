package dev.ferry.store.route.internal;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteCodec;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.TcpRoute;
import java.util.List;
import java.util.Objects;

/**
 * One route of either kind, as the registry changes it: its key, pool and policy. Converts to the core
 * {@link Route} or {@link TcpRoute} (which validate it) for the table, the change stream and the journal.
 */
public record RouteState(RouteKey key, List<Endpoint> endpoints, RoutePolicy policy) {

    public RouteState {
        Objects.requireNonNull(key, "key");
        endpoints = List.copyOf(endpoints);
        // Build the core record once so an invalid state never exists.
        changeOf(key, endpoints, policy);
    }

    public static RouteState of(Route r) {
        return new RouteState(new RouteKey.Http(r.domain()), r.endpoints(), r.policy());
    }

    public static RouteState of(TcpRoute r) {
        return new RouteState(new RouteKey.Tcp(r.port()), r.endpoints(), r.policy());
    }

    public static RouteState empty(RouteKey key, RoutePolicy policy) {
        return new RouteState(key, List.of(), policy);
    }

    public boolean hasEndpoint(String endpointId) {
        return endpoints.stream().anyMatch(e -> e.id().equals(endpointId));
    }

    public RouteState withPolicy(RoutePolicy newPolicy) {
        return new RouteState(key, endpoints, newPolicy);
    }

    /** This state with {@code endpoint} added, or replacing the one of the same id in place. */
    public RouteState withEndpoint(Endpoint endpoint) {
        return switch (toChange()) {
            case RouteChange.HttpRouteSet s -> of(s.route().withEndpoint(endpoint));
            case RouteChange.TcpRouteSet s -> of(s.route().withEndpoint(endpoint));
            default -> throw new IllegalStateException();
        };
    }

    public RouteState withoutEndpoint(String endpointId) {
        return new RouteState(key, endpoints.stream().filter(e -> !e.id().equals(endpointId)).toList(), policy);
    }

    /** The change that sets this route in a table. */
    public RouteChange toChange() {
        return changeOf(key, endpoints, policy);
    }

    private static RouteChange changeOf(RouteKey key, List<Endpoint> endpoints, RoutePolicy policy) {
        return switch (key) {
            case RouteKey.Http h -> new RouteChange.HttpRouteSet(new Route(h.domain(), endpoints, policy));
            case RouteKey.Tcp t -> new RouteChange.TcpRouteSet(new TcpRoute(t.port(), endpoints, policy));
        };
    }

    public Route asHttp() {
        return ((RouteChange.HttpRouteSet) toChange()).route();
    }

    public TcpRoute asTcp() {
        return ((RouteChange.TcpRouteSet) toChange()).route();
    }

    /** The {@link RouteCodec} line of this route. */
    public String encode() {
        return switch (toChange()) {
            case RouteChange.HttpRouteSet s -> RouteCodec.encode(s.route());
            case RouteChange.TcpRouteSet s -> RouteCodec.encode(s.route());
            default -> throw new IllegalStateException();
        };
    }
}
