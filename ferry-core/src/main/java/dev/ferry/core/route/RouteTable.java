package dev.ferry.core.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An immutable snapshot of every route, looked up on the hot path without locks.
 *
 * <p>Routers hold one in an atomic reference and swap it when a {@link RouteChange} arrives. To keep a
 * change cheap at 100,000 routes, HTTP routes live in {@value #SHARDS} hash shards and a change copies only
 * its own shard, so applying a diff costs about {@code routes / 1024} map entries, not the whole table (a route
 * write's largest cost on a control node with 256 shards and 24,000 routes).
 *
 * <p>Lookup order for a request host: the exact name, then wildcards from the most specific suffix to the
 * least ({@code a.b.example.com} tries {@code *.b.example.com}, then {@code *.example.com}, then
 * {@code *.com}).
 */
public final class RouteTable {

    private static final int SHARD_BITS = 10;
    private static final int SHARDS = 1 << SHARD_BITS;
    private static final RouteTable EMPTY = new RouteTable(emptyShards(), Map.of(), 0, 0);

    private final Map<String, Route>[] shards;
    private final Map<Integer, TcpRoute> tcpRoutes;
    private final int httpRouteCount;
    private final int wildcardCount;

    private RouteTable(Map<String, Route>[] shards, Map<Integer, TcpRoute> tcpRoutes, int httpRouteCount, int wildcardCount) {
        this.shards = shards;
        this.tcpRoutes = tcpRoutes;
        this.httpRouteCount = httpRouteCount;
        this.wildcardCount = wildcardCount;
    }

    public static RouteTable empty() {
        return EMPTY;
    }

    /** A table holding exactly these routes. */
    public static RouteTable of(Collection<Route> routes, Collection<TcpRoute> tcp) {
        @SuppressWarnings("unchecked")
        Map<String, Route>[] building = new Map[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            building[i] = new HashMap<>();
        }
        int wildcards = 0;
        for (Route r : routes) {
            if (building[shardOf(r.domain())].put(r.domain(), r) == null && HostName.isWildcard(r.domain())) {
                wildcards++;
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Route>[] frozen = new Map[SHARDS];
        int count = 0;
        for (int i = 0; i < SHARDS; i++) {
            frozen[i] = Map.copyOf(building[i]);
            count += frozen[i].size();
        }
        Map<Integer, TcpRoute> tcpMap = new HashMap<>();
        for (TcpRoute t : tcp) {
            tcpMap.put(t.port(), t);
        }
        return new RouteTable(frozen, Map.copyOf(tcpMap), count, wildcards);
    }

    /**
     * The route serving a request host (already normalised by {@link HostName#normalizeHostHeader}), or
     * {@code null} when none matches.
     */
    public Route lookup(String host) {
        if (host == null) {
            return null;
        }
        Route exact = route(host);
        if (exact != null || wildcardCount == 0) {
            return exact;
        }
        int dot = host.indexOf('.');
        while (dot >= 0) {
            Route wildcard = route("*" + host.substring(dot));
            if (wildcard != null) {
                return wildcard;
            }
            dot = host.indexOf('.', dot + 1);
        }
        return null;
    }

    /** The route registered under exactly this normalised domain (wildcards are not expanded). */
    public Route route(String domain) {
        return shards[shardOf(domain)].get(domain);
    }

    public TcpRoute tcpRoute(int port) {
        return tcpRoutes.get(port);
    }

    /** Every HTTP route, sorted by domain. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(httpRouteCount);
        for (Map<String, Route> shard : shards) {
            all.addAll(shard.values());
        }
        all.sort(Comparator.comparing(Route::domain));
        return all;
    }

    /**
     * Hands every HTTP route to {@code action} once, in no particular order, without the copy and the sort of
     * {@link #routes()}: for writers of the whole table, whose readers do not care about the order (sorting
     * 100,000 domains was half the cost of the router's snapshot file, written during a start).
     */
    public void forEachRoute(Consumer<? super Route> action) {
        for (Map<String, Route> shard : shards) {
            shard.values().forEach(action);
        }
    }

    /** Every TCP route, sorted by port. */
    public List<TcpRoute> tcpRoutes() {
        List<TcpRoute> all = new ArrayList<>(tcpRoutes.values());
        all.sort(Comparator.comparingInt(TcpRoute::port));
        return all;
    }

    public int size() {
        return httpRouteCount;
    }

    /** The table after one change; this table is left as it was. */
    public RouteTable apply(RouteChange change) {
        return switch (change) {
            case RouteChange.HttpRouteSet set -> withHttp(set.route().domain(), set.route());
            case RouteChange.HttpRouteRemoved removed -> withHttp(removed.domain(), null);
            case RouteChange.TcpRouteSet set -> withTcp(set.route().port(), set.route());
            case RouteChange.TcpRouteRemoved removed -> withTcp(removed.port(), null);
        };
    }

    /** The table after a batch of changes, applied in order. */
    public RouteTable applyAll(List<? extends RouteChange> changes) {
        RouteTable t = this;
        for (RouteChange c : changes) {
            t = t.apply(c);
        }
        return t;
    }

    /** The changes that turn this table into {@code target} (sets for new or changed routes, then removals). */
    public List<RouteChange> diff(RouteTable target) {
        List<RouteChange> changes = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            Map<String, Route> mine = shards[i];
            Map<String, Route> theirs = target.shards[i];
            if (mine == theirs) {
                continue;
            }
            theirs.forEach((domain, route) -> {
                if (!route.equals(mine.get(domain))) {
                    changes.add(new RouteChange.HttpRouteSet(route));
                }
            });
            mine.keySet().forEach(domain -> {
                if (!theirs.containsKey(domain)) {
                    changes.add(new RouteChange.HttpRouteRemoved(domain));
                }
            });
        }
        target.tcpRoutes.forEach((port, route) -> {
            if (!route.equals(tcpRoutes.get(port))) {
                changes.add(new RouteChange.TcpRouteSet(route));
            }
        });
        tcpRoutes.keySet().forEach(port -> {
            if (!target.tcpRoutes.containsKey(port)) {
                changes.add(new RouteChange.TcpRouteRemoved(port));
            }
        });
        return changes;
    }

    private RouteTable withHttp(String domain, Route route) {
        int s = shardOf(domain);
        Map<String, Route> shard = shards[s];
        Route previous = shard.get(domain);
        if (route == null && previous == null) {
            return this;
        }
        Map<String, Route> copy = new HashMap<>(shard);
        if (route == null) {
            copy.remove(domain);
        } else {
            copy.put(domain, route);
        }
        Map<String, Route>[] newShards = Arrays.copyOf(shards, SHARDS);
        newShards[s] = Map.copyOf(copy);
        int countDelta = (route != null ? 1 : 0) - (previous != null ? 1 : 0);
        int wildcardDelta = HostName.isWildcard(domain) ? countDelta : 0;
        return new RouteTable(newShards, tcpRoutes, httpRouteCount + countDelta, wildcardCount + wildcardDelta);
    }

    private RouteTable withTcp(int port, TcpRoute route) {
        if (route == null && !tcpRoutes.containsKey(port)) {
            return this;
        }
        Map<Integer, TcpRoute> copy = new HashMap<>(tcpRoutes);
        if (route == null) {
            copy.remove(port);
        } else {
            copy.put(port, route);
        }
        return new RouteTable(shards, Map.copyOf(copy), httpRouteCount, wildcardCount);
    }

    /**
     * The shard of a domain: the top {@value #SHARD_BITS} bits of its hash times a golden-ratio constant. Not the
     * low bits, which {@link HashMap} picks its buckets by: the maps a table is built and changed in would then hold
     * a shard's ~100 names in a few of their buckets, as trees.
     */
    static int shardOf(String domain) {
        return (domain.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Route>[] emptyShards() {
        Map<String, Route>[] shards = new Map[SHARDS];
        Arrays.fill(shards, Map.of());
        return shards;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteTable other && other.tcpRoutes.equals(tcpRoutes) && Arrays.equals(other.shards, shards);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shards) * 31 + tcpRoutes.hashCode();
    }

    @Override
    public String toString() {
        return "RouteTable[" + httpRouteCount + " http, " + tcpRoutes.size() + " tcp]";
    }
}
