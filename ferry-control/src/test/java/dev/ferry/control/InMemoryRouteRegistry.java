package dev.ferry.control;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simple, correct {@link RouteRegistry} for tests: the table in memory, every mutation under one lock,
 * TTLs ignored (registrations are permanent), listeners called synchronously. Counts mutations so tests can
 * assert that a refused request changed nothing.
 */
public final class InMemoryRouteRegistry implements RouteRegistry {

    private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger mutations = new AtomicInteger();
    private volatile RouteTable table = RouteTable.empty();

    @Override
    public RouteTable table() {
        return table;
    }

    /** How many changes were applied so far. */
    public int mutations() {
        return mutations.get();
    }

    @Override
    public synchronized Route putRoute(String domain, RoutePolicy policy) {
        Route existing = table.route(domain);
        Route route = existing == null ? new Route(domain, List.of(), policy) : existing.withPolicy(policy);
        apply(new RouteChange.HttpRouteSet(route));
        return route;
    }

    @Override
    public synchronized Route addEndpoint(String domain, Endpoint endpoint, Optional<Duration> ttl) {
        Route existing = table.route(domain);
        Route route = (existing == null ? Route.empty(domain) : existing).withEndpoint(endpoint);
        apply(new RouteChange.HttpRouteSet(route));
        return route;
    }

    @Override
    public synchronized Optional<Route> removeEndpoint(String domain, String endpointId) {
        Route existing = table.route(domain);
        if (existing == null) {
            return Optional.empty();
        }
        Route route = existing.withoutEndpoint(endpointId);
        apply(new RouteChange.HttpRouteSet(route));
        return Optional.of(route);
    }

    @Override
    public synchronized boolean removeRoute(String domain) {
        if (table.route(domain) == null) {
            return false;
        }
        apply(new RouteChange.HttpRouteRemoved(domain));
        return true;
    }

    @Override
    public synchronized TcpRoute putTcpRoute(int port, RoutePolicy policy) {
        TcpRoute existing = table.tcpRoute(port);
        TcpRoute route = existing == null ? new TcpRoute(port, List.of(), policy) : existing.withPolicy(policy);
        apply(new RouteChange.TcpRouteSet(route));
        return route;
    }

    @Override
    public synchronized TcpRoute addTcpEndpoint(int port, Endpoint endpoint, Optional<Duration> ttl) {
        TcpRoute existing = table.tcpRoute(port);
        TcpRoute route = (existing == null ? TcpRoute.empty(port) : existing).withEndpoint(endpoint);
        apply(new RouteChange.TcpRouteSet(route));
        return route;
    }

    @Override
    public synchronized Optional<TcpRoute> removeTcpEndpoint(int port, String endpointId) {
        TcpRoute existing = table.tcpRoute(port);
        if (existing == null) {
            return Optional.empty();
        }
        TcpRoute route = existing.withoutEndpoint(endpointId);
        apply(new RouteChange.TcpRouteSet(route));
        return Optional.of(route);
    }

    @Override
    public synchronized boolean removeTcpRoute(int port) {
        if (table.tcpRoute(port) == null) {
            return false;
        }
        apply(new RouteChange.TcpRouteRemoved(port));
        return true;
    }

    @Override
    public synchronized Subscription subscribe(RouteListener listener) {
        listener.onSnapshot(table);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }

    private void apply(RouteChange change) {
        table = table.apply(change);
        mutations.incrementAndGet();
        for (RouteListener l : listeners) {
            l.onChange(change);
        }
    }
}
