package dev.ferry.store.route.internal;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteCodec;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.TcpRoute;
import java.util.Objects;

/**
 * One route of either kind, wrapping the core {@link Route} or {@link TcpRoute}, so the registry, the
 * change stream and the journal treat both kinds with one code path.
 */
public sealed interface RouteState {

    RouteKey key();

    RoutePolicy policy();

    boolean hasEndpoint(String endpointId);

    RouteState withPolicy(RoutePolicy policy);

    /** This route with {@code endpoint} added, or replacing the one of the same id in place. */
    RouteState withEndpoint(Endpoint endpoint);

    RouteState withoutEndpoint(String endpointId);

    /** The change that sets this route in a table. */
    RouteChange toChange();

    /** The {@link RouteCodec} line of this route. */
    String encode();

    static RouteState of(Route route) {
        return new Http(route);
    }

    static RouteState of(TcpRoute route) {
        return new Tcp(route);
    }

    static RouteState empty(RouteKey key, RoutePolicy policy) {
        return switch (key) {
            case RouteKey.Http h -> new Http(Route.empty(h.domain()).withPolicy(policy));
            case RouteKey.Tcp t -> new Tcp(TcpRoute.empty(t.port()).withPolicy(policy));
        };
    }

    default Route asHttp() {
        return ((Http) this).route();
    }

    default TcpRoute asTcp() {
        return ((Tcp) this).route();
    }

    /** An HTTP route. */
    record Http(Route route) implements RouteState {
        public Http {
            Objects.requireNonNull(route, "route");
        }

        @Override
        public RouteKey key() {
            return new RouteKey.Http(route.domain());
        }

        @Override
        public RoutePolicy policy() {
            return route.policy();
        }

        @Override
        public boolean hasEndpoint(String endpointId) {
            return route.endpoint(endpointId).isPresent();
        }

        @Override
        public RouteState withPolicy(RoutePolicy policy) {
            return new Http(route.withPolicy(policy));
        }

        @Override
        public RouteState withEndpoint(Endpoint endpoint) {
            return new Http(route.withEndpoint(endpoint));
        }

        @Override
        public RouteState withoutEndpoint(String endpointId) {
            return new Http(route.withoutEndpoint(endpointId));
        }

        @Override
        public RouteChange toChange() {
            return new RouteChange.HttpRouteSet(route);
        }

        @Override
        public String encode() {
            return RouteCodec.encode(route);
        }
    }

    /** A TCP route. */
    record Tcp(TcpRoute route) implements RouteState {
        public Tcp {
            Objects.requireNonNull(route, "route");
        }

        @Override
        public RouteKey key() {
            return new RouteKey.Tcp(route.port());
        }

        @Override
        public RoutePolicy policy() {
            return route.policy();
        }

        @Override
        public boolean hasEndpoint(String endpointId) {
            return route.endpoints().stream().anyMatch(e -> e.id().equals(endpointId));
        }

        @Override
        public RouteState withPolicy(RoutePolicy policy) {
            return new Tcp(route.withPolicy(policy));
        }

        @Override
        public RouteState withEndpoint(Endpoint endpoint) {
            return new Tcp(route.withEndpoint(endpoint));
        }

        @Override
        public RouteState withoutEndpoint(String endpointId) {
            return new Tcp(route.withoutEndpoint(endpointId));
        }

        @Override
        public RouteChange toChange() {
            return new RouteChange.TcpRouteSet(route);
        }

        @Override
        public String encode() {
            return RouteCodec.encode(route);
        }
    }
}
