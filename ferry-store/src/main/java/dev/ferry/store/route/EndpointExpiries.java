package dev.ferry.store.route;

import dev.ferry.store.route.internal.RouteKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TTL and the deadline of every endpoint registered with a TTL, by route. Endpoints not listed are
 * permanent. Not thread-safe: used only under the registry's mutation lock.
 */
final class EndpointExpiries {

    /** An endpoint of a route whose deadline has passed. */
    record Expired(RouteKey route, String endpointId) {
    }

    private record Entry(long ttlMillis, long deadlineMillis) {
    }

    private final Map<RouteKey, Map<String, Entry>> byRoute = new HashMap<>();

    /** The endpoint's TTL in milliseconds, or 0 when it is permanent. */
    long ttlMillis(RouteKey route, String endpointId) {
        Entry e = byRoute.getOrDefault(route, Map.of()).get(endpointId);
        return e == null ? 0 : e.ttlMillis();
    }

    /** The TTL of every endpoint of the route that has one. */
    Map<String, Long> ttlsOf(RouteKey route) {
        Map<String, Long> ttls = new HashMap<>();
        byRoute.getOrDefault(route, Map.of()).forEach((id, e) -> ttls.put(id, e.ttlMillis()));
        return ttls;
    }

    /** Sets the endpoint's TTL and restarts its deadline from {@code nowMillis}; a TTL of 0 makes it permanent. */
    void register(RouteKey route, String endpointId, long ttlMillis, long nowMillis) {
        if (ttlMillis == 0) {
            forget(route, endpointId);
            return;
        }
        long deadline = nowMillis + ttlMillis < nowMillis ? Long.MAX_VALUE : nowMillis + ttlMillis;
        byRoute.computeIfAbsent(route, k -> new HashMap<>()).put(endpointId, new Entry(ttlMillis, deadline));
    }

    void forget(RouteKey route, String endpointId) {
        Map<String, Entry> entries = byRoute.get(route);
        if (entries != null) {
            entries.remove(endpointId);
            if (entries.isEmpty()) {
                byRoute.remove(route);
            }
        }
    }

    void forgetRoute(RouteKey route) {
        byRoute.remove(route);
    }

    /** Every endpoint whose deadline is at or before {@code nowMillis}. Scans all TTL endpoints. */
    List<Expired> expiredAt(long nowMillis) {
        List<Expired> expired = new ArrayList<>();
        byRoute.forEach((route, entries) -> entries.forEach((id, e) -> {
            if (e.deadlineMillis() <= nowMillis) {
                expired.add(new Expired(route, id));
            }
        }));
        return expired;
    }
}
