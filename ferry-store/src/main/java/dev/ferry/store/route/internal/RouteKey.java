package dev.ferry.store.route.internal;

import dev.ferry.core.route.HostName;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import java.util.Optional;

/**
 * What names a route in the registry: a normalised domain for HTTP, a listener port for TCP. Lets the
 * registry treat both kinds with one code path.
 */
public sealed interface RouteKey {

    /** The route's current state in {@code table}, if it has one. */
    Optional<RouteState> find(RouteTable table);

    /** The change that removes this route from a table. */
    RouteChange removal();

    /** {@code http} or {@code tcp}, as in the journal. */
    String kind();

    /** The domain or the port, as in the journal. */
    String name();

    static RouteKey http(String domain) {
        return new Http(domain);
    }

    static RouteKey tcp(int port) {
        return new Tcp(port);
    }

    /** An HTTP route's key; the domain is validated and normalised. */
    record Http(String domain) implements RouteKey {
        public Http {
            domain = HostName.normalizeDomain(domain);
        }

        @Override
        public Optional<RouteState> find(RouteTable table) {
            Route r = table.route(domain);
            return r == null ? Optional.empty() : Optional.of(RouteState.of(r));
        }

        @Override
        public RouteChange removal() {
            return new RouteChange.HttpRouteRemoved(domain);
        }

        @Override
        public String kind() {
            return "http";
        }

        @Override
        public String name() {
            return domain;
        }
    }

    /** A TCP route's key; the port must be 1-65535. */
    record Tcp(int port) implements RouteKey {
        public Tcp {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("TCP route port " + port + " is outside 1-65535");
            }
        }

        @Override
        public Optional<RouteState> find(RouteTable table) {
            TcpRoute r = table.tcpRoute(port);
            return r == null ? Optional.empty() : Optional.of(RouteState.of(r));
        }

        @Override
        public RouteChange removal() {
            return new RouteChange.TcpRouteRemoved(port);
        }

        @Override
        public String kind() {
            return "tcp";
        }

        @Override
        public String name() {
            return Integer.toString(port);
        }
    }
}
