package dev.ferry.testing;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link RouteRegistry} for tests of what reads the table (the router) and of what registers
 * endpoints (the runtime). Changes are delivered synchronously to every live subscriber; TTLs are ignored. It
 * keeps, in order, each endpoint that came ({@code "+domain port"}) or went ({@code "-domain port"}) and counts
 * the refreshes of endpoints it had; {@link #mode} makes {@code subscribe()} hang or throw and {@link #fail}
 * cuts subscribers off, as a registry that lost its source.
 */
public final class MemoryRouteRegistry implements RouteRegistry {

    /** What subscribe() does. */
    public enum Mode { SERVE, HANG, THROW }

    private volatile RouteTable table = RouteTable.empty();
    private volatile Mode mode = Mode.SERVE;
    private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch hang = new CountDownLatch(1);
    private final AtomicInteger subscribeCalls = new AtomicInteger();
    private final List<String> endpointChanges = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();

    public void mode(Mode m) {
        this.mode = m;
    }

    /** Reports a failure to every subscriber and forgets them, as a registry that lost its source. */
    public void fail(Throwable cause) {
        for (RouteListener l : listeners) {
            l.onRegistryFailure(cause);
        }
        listeners.clear();
    }

    /** Replaces the table without telling anyone, as if changed while subscribers were cut off. */
    public synchronized void setQuietly(RouteTable t) {
        table = t;
    }

    public synchronized void publish(RouteChange change) {
        table = table.apply(change);
        for (RouteListener l : listeners) {
            l.onChange(change);
        }
    }

    public int subscribers() {
        return listeners.size();
    }

    /** How many times {@code subscribe()} was called. */
    public int subscribeCalls() {
        return subscribeCalls.get();
    }

    /** The endpoints that came and went, in order: {@code "+hello.localhost 41234"}, {@code "-hello.localhost 41234"}. */
    public List<String> changes() {
        return List.copyOf(endpointChanges);
    }

    /** How many times an endpoint the registry had was added again (a TTL refresh). */
    public int refreshes() {
        return refreshes.get();
    }

    /** The ports of a domain's endpoints, sorted. */
    public List<Integer> ports(String domain) {
        Route r = table.route(domain);
        return r == null ? List.of() : r.endpoints().stream().map(Endpoint::port).sorted().toList();
    }

    @Override
    public RouteTable table() {
        return table;
    }

    @Override
    public synchronized Route putRoute(String domain, RoutePolicy policy) {
        Route existing = table.route(domain);
        Route r = existing == null ? new Route(domain, List.of(), policy) : existing.withPolicy(policy);
        publish(new RouteChange.HttpRouteSet(r));
        return r;
    }

    @Override
    public synchronized Route addEndpoint(String domain, Endpoint endpoint, Optional<Duration> ttl) {
        Route existing = table.route(domain);
        if (existing != null && existing.endpoints().stream().anyMatch(e -> e.id().equals(endpoint.id()))) {
            refreshes.incrementAndGet();
        } else {
            endpointChanges.add("+" + domain + " " + endpoint.port());
        }
        Route r = (existing == null ? Route.empty(domain) : existing).withEndpoint(endpoint);
        publish(new RouteChange.HttpRouteSet(r));
        return r;
    }

    @Override
    public synchronized Optional<Route> removeEndpoint(String domain, String endpointId) {
        Route existing = table.route(domain);
        if (existing == null) {
            return Optional.empty();
        }
        existing.endpoints().stream().filter(e -> e.id().equals(endpointId)).findFirst()
                .ifPresent(gone -> endpointChanges.add("-" + domain + " " + gone.port()));
        Route r = existing.withoutEndpoint(endpointId);
        publish(new RouteChange.HttpRouteSet(r));
        return Optional.of(r);
    }

    @Override
    public synchronized boolean removeRoute(String domain) {
        boolean had = table.route(domain) != null;
        publish(new RouteChange.HttpRouteRemoved(domain));
        return had;
    }

    @Override
    public synchronized TcpRoute putTcpRoute(int port, RoutePolicy policy) {
        TcpRoute existing = table.tcpRoute(port);
        TcpRoute r = existing == null ? new TcpRoute(port, List.of(), policy) : existing.withPolicy(policy);
        publish(new RouteChange.TcpRouteSet(r));
        return r;
    }

    @Override
    public synchronized TcpRoute addTcpEndpoint(int port, Endpoint endpoint, Optional<Duration> ttl) {
        TcpRoute existing = table.tcpRoute(port);
        TcpRoute r = (existing == null ? TcpRoute.empty(port) : existing).withEndpoint(endpoint);
        publish(new RouteChange.TcpRouteSet(r));
        return r;
    }

    @Override
    public synchronized Optional<TcpRoute> removeTcpEndpoint(int port, String endpointId) {
        TcpRoute existing = table.tcpRoute(port);
        if (existing == null) {
            return Optional.empty();
        }
        TcpRoute r = existing.withoutEndpoint(endpointId);
        publish(new RouteChange.TcpRouteSet(r));
        return Optional.of(r);
    }

    @Override
    public synchronized boolean removeTcpRoute(int port) {
        boolean had = table.tcpRoute(port) != null;
        publish(new RouteChange.TcpRouteRemoved(port));
        return had;
    }

    @Override
    public Subscription subscribe(RouteListener listener) {
        subscribeCalls.incrementAndGet();
        switch (mode) {
            case HANG -> {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("interrupted while hanging");
            }
            case THROW -> throw new IllegalStateException("registry is down");
            default -> {
            }
        }
        synchronized (this) {
            listener.onSnapshot(table);
            listeners.add(listener);
        }
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        hang.countDown();
    }
}
