package dev.ferry.runtime.local;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A route registry double: endpoints per domain, plus the log of changes in order ("+host port", "-host port"). */
final class MemoryRoutes implements RouteRegistry {

    private final Map<String, Map<String, Endpoint>> pools = new LinkedHashMap<>();
    final List<String> changes = Collections.synchronizedList(new ArrayList<>());
    volatile int refreshes;

    synchronized List<Integer> ports(String domain) {
        return pools.getOrDefault(domain, Map.of()).values().stream().map(Endpoint::port).sorted().toList();
    }

    @Override
    public synchronized Route addEndpoint(String domain, Endpoint endpoint, Optional<Duration> ttl) {
        Endpoint before = pools.computeIfAbsent(domain, d -> new LinkedHashMap<>()).put(endpoint.id(), endpoint);
        if (before == null) {
            changes.add("+" + domain + " " + endpoint.port());
        } else {
            refreshes++;
        }
        return new Route(domain, List.copyOf(pools.get(domain).values()), RoutePolicy.DEFAULT);
    }

    @Override
    public synchronized Optional<Route> removeEndpoint(String domain, String endpointId) {
        Map<String, Endpoint> pool = pools.get(domain);
        if (pool == null) {
            return Optional.empty();
        }
        Endpoint gone = pool.remove(endpointId);
        if (gone != null) {
            changes.add("-" + domain + " " + gone.port());
        }
        return Optional.of(new Route(domain, List.copyOf(pool.values()), RoutePolicy.DEFAULT));
    }

    @Override
    public RouteTable table() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Route putRoute(String domain, RoutePolicy policy) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeRoute(String domain) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TcpRoute putTcpRoute(int port, RoutePolicy policy) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TcpRoute addTcpEndpoint(int port, Endpoint endpoint, Optional<Duration> ttl) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TcpRoute> removeTcpEndpoint(int port, String endpointId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeTcpRoute(int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscription subscribe(RouteListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
