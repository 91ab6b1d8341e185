package dev.ferry.core.route;

import java.util.Objects;

/**
 * One diff of the route table, as carried by a {@link RouteRegistry}'s change stream. A "set" carries the
 * whole new state of one route (its pool and policy), so applying a change never needs the previous one.
 */
public sealed interface RouteChange {

    /** An HTTP route was created or changed. */
    record HttpRouteSet(Route route) implements RouteChange {
        public HttpRouteSet {
            Objects.requireNonNull(route, "route");
        }
    }

    /** An HTTP route was removed. */
    record HttpRouteRemoved(String domain) implements RouteChange {
        public HttpRouteRemoved {
            domain = HostName.normalizeDomain(domain);
        }
    }

    /** A TCP route was created or changed. */
    record TcpRouteSet(TcpRoute route) implements RouteChange {
        public TcpRouteSet {
            Objects.requireNonNull(route, "route");
        }
    }

    /** A TCP route was removed. */
    record TcpRouteRemoved(int port) implements RouteChange {
    }
}
