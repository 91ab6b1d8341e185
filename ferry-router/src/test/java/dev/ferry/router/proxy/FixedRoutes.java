package dev.ferry.router.proxy;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteTable;
import dev.ferry.router.route.Pool;
import dev.ferry.router.route.RouteLookup;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simple {@link RouteLookup} for tests: a swappable {@link RouteTable}, plain round-robin, affinity
 * honoured when the named endpoint is in the pool, and counters of what the proxy reported.
 */
final class FixedRoutes implements RouteLookup {

    final AtomicReference<RouteTable> table = new AtomicReference<>(RouteTable.empty());
    final ConcurrentHashMap<String, AtomicInteger> started = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, AtomicInteger> finished = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, AtomicInteger> failed = new ConcurrentHashMap<>();
    /** finished() calls without a started() before them: must stay 0. */
    final AtomicInteger unmatchedFinishes = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> next = new ConcurrentHashMap<>();
    private volatile FixedPool lastPool;

    void set(Route... routes) {
        table.set(RouteTable.of(List.of(routes), List.of()));
    }

    int started(Endpoint e) {
        return count(started, e);
    }

    int finished(Endpoint e) {
        return count(finished, e);
    }

    int failed(Endpoint e) {
        return count(failed, e);
    }

    int outstanding() {
        int sum = 0;
        for (var entry : started.entrySet()) {
            sum += entry.getValue().get() - count(finished, entry.getKey());
        }
        return sum;
    }

    private static int count(ConcurrentHashMap<String, AtomicInteger> map, Endpoint e) {
        return count(map, e.id());
    }

    private static int count(ConcurrentHashMap<String, AtomicInteger> map, String id) {
        AtomicInteger n = map.get(id);
        return n == null ? 0 : n.get();
    }

    @Override
    public Pool http(String normalizedHost) {
        Route route = table.get().lookup(normalizedHost);
        if (route == null) {
            return null;
        }
        // one pool per route, as the router's own lookup keeps: a lookup allocates nothing
        FixedPool pool = lastPool;
        if (pool == null || pool.route != route) {
            pool = new FixedPool(route);
            lastPool = pool;
        }
        return pool;
    }

    @Override
    public Pool tcp(int port) {
        return null;
    }

    private final class FixedPool implements Pool {
        private final Route route;

        FixedPool(Route route) {
            this.route = route;
        }

        @Override
        public Route route() {
            return route;
        }

        @Override
        public Endpoint pick(String affinityId, Set<String> excluded) {
            if (affinityId == null && excluded.isEmpty() && !route.endpoints().isEmpty()) {
                // the common case without a stream, so that ProxyAllocationTest counts the router's own cost
                int n = next.computeIfAbsent(route.domain(), d -> new AtomicInteger()).getAndIncrement();
                return route.endpoints().get(Math.floorMod(n, route.endpoints().size()));
            }
            List<Endpoint> candidates = route.endpoints().stream().filter(e -> !excluded.contains(e.id())).toList();
            if (candidates.isEmpty()) {
                return null;
            }
            if (affinityId != null) {
                for (Endpoint e : candidates) {
                    if (e.id().equals(affinityId)) {
                        return e;
                    }
                }
            }
            int n = next.computeIfAbsent(route.domain(), d -> new AtomicInteger()).getAndIncrement();
            return candidates.get(Math.floorMod(n, candidates.size()));
        }

        @Override
        public void started(Endpoint endpoint) {
            started.computeIfAbsent(endpoint.id(), k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void finished(Endpoint endpoint) {
            int n = finished.computeIfAbsent(endpoint.id(), k -> new AtomicInteger()).incrementAndGet();
            if (n > count(started, endpoint)) {
                unmatchedFinishes.incrementAndGet();
            }
        }

        @Override
        public boolean anyHealthy() {
            return true;
        }

        @Override
        public void failed(Endpoint endpoint, Throwable cause) {
            failed.computeIfAbsent(endpoint.id(), k -> new AtomicInteger()).incrementAndGet();
        }
    }
}
