package dev.ferry.router.route;

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
 * An in-memory registry for tests whose subscribe() can be made to hang or throw. Changes are delivered
 * synchronously to every live subscriber, TTLs are ignored.
 */
public final class FakeRouteRegistry implements RouteRegistry {

    /** What subscribe() does. */
    public enum Mode { SERVE, HANG, THROW }

    private volatile RouteTable table = RouteTable.empty();
    private volatile Mode mode = Mode.SERVE;
    private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch hang = new CountDownLatch(1);
    public final AtomicInteger subscribeCalls = new AtomicInteger();

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
