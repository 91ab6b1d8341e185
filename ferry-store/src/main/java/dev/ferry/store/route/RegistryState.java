package dev.ferry.store.route;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import dev.ferry.store.route.internal.JournalLine;
import dev.ferry.store.route.internal.RouteJournal;
import dev.ferry.store.route.internal.RouteKey;
import dev.ferry.store.route.internal.RouteState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state behind {@link JournaledRouteRegistry} and its transitions. Every transition journals first,
 * then swaps the table and updates the TTLs, then hands the change to the subscribers; one that changes
 * nothing does none of it.
 *
 * <p>Threading: everything but {@link #table()} runs under the registry's mutation lock; the table is a
 * volatile field so readers never take it.
 */
final class RegistryState {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);
    private static final int MIN_RECORDS_BEFORE_COMPACTION = 1000;
    private static final int RECORDS_PER_LIVE_ROUTE_BEFORE_COMPACTION = 4;

    private final RouteJournal journal;
    private final Clock clock;
    private final EndpointExpiries expiries = new EndpointExpiries();
    private final Subscribers subscribers = new Subscribers();
    private volatile RouteTable table;
    private boolean delivering;

    /** The state replayed from a journal ({@code null} and no routes for a registry kept in memory). */
    RegistryState(RouteJournal journal, List<JournalLine.Set> replayed, Clock clock) {
        this.journal = journal;
        this.clock = clock;
        List<Route> http = new ArrayList<>();
        List<TcpRoute> tcp = new ArrayList<>();
        long now = clock.millis();
        for (JournalLine.Set set : replayed) {
            switch (set.state().key()) {
                case RouteKey.Http h -> http.add(set.state().asHttp());
                case RouteKey.Tcp t -> tcp.add(set.state().asTcp());
            }
            // A fresh grace period from now: the owners keep refreshing their endpoints.
            set.ttlMillis().forEach((id, ttl) -> expiries.register(set.state().key(), id, ttl, now));
        }
        this.table = RouteTable.of(http, tcp);
        if (journal != null && journal.records() > replayed.size()) {
            compactLogged();
        }
    }

    RouteTable table() {
        return table;
    }

    /** True while subscribers are being called, so that their callbacks cannot mutate. */
    boolean delivering() {
        return delivering;
    }

    RouteRegistry.Subscription subscribe(RouteListener listener) {
        return subscribers.add(listener, table);
    }

    void closeSubscriptions() {
        subscribers.closeAll();
    }

    RouteState putPolicy(RouteKey key, RoutePolicy policy) {
        Optional<RouteState> old = key.find(table);
        RouteState updated = old.map(s -> s.withPolicy(policy)).orElseGet(() -> RouteState.empty(key, policy));
        if (old.isEmpty() || !old.get().equals(updated)) {
            append(new JournalLine.Set(updated, expiries.ttlsOf(key)));
            publish(updated.toChange());
        }
        return updated;
    }

    /** Adds or replaces an endpoint; {@code ttlMillis} 0 registers it permanently. */
    RouteState add(RouteKey key, Endpoint endpoint, long ttlMillis) {
        Optional<RouteState> old = key.find(table);
        RouteState updated = old.orElseGet(() -> RouteState.empty(key, RoutePolicy.DEFAULT)).withEndpoint(endpoint);
        boolean routeChanged = old.isEmpty() || !old.get().equals(updated);
        // A refresh with the same TTL only moves the deadline, which is not journaled.
        if (routeChanged || expiries.ttlMillis(key, endpoint.id()) != ttlMillis) {
            Map<String, Long> ttls = expiries.ttlsOf(key);
            if (ttlMillis == 0) {
                ttls.remove(endpoint.id());
            } else {
                ttls.put(endpoint.id(), ttlMillis);
            }
            append(new JournalLine.Set(updated, ttls));
        }
        expiries.register(key, endpoint.id(), ttlMillis, clock.millis());
        if (routeChanged) {
            publish(updated.toChange());
        }
        return updated;
    }

    /** Empty for an unknown route; the unchanged route for an unknown endpoint. */
    Optional<RouteState> remove(RouteKey key, String endpointId) {
        Optional<RouteState> old = key.find(table);
        if (old.isEmpty() || !old.get().hasEndpoint(endpointId)) {
            return old;
        }
        RouteState updated = old.get().withoutEndpoint(endpointId);
        Map<String, Long> ttls = expiries.ttlsOf(key);
        ttls.remove(endpointId);
        append(new JournalLine.Set(updated, ttls));
        expiries.forget(key, endpointId);
        publish(updated.toChange());
        return Optional.of(updated);
    }

    boolean delete(RouteKey key) {
        if (key.find(table).isEmpty()) {
            return false;
        }
        append(new JournalLine.Delete(key));
        expiries.forgetRoute(key);
        publish(key.removal());
        return true;
    }

    /** Removes every endpoint whose TTL has run out by the clock's now. */
    void sweepExpired() {
        for (EndpointExpiries.Expired e : expiries.expiredAt(clock.millis())) {
            remove(e.route(), e.endpointId());
        }
    }

    private void append(JournalLine line) {
        if (journal != null) {
            journal.append(line);
        }
    }

    private void publish(RouteChange change) {
        table = table.apply(change);
        delivering = true;
        try {
            subscribers.deliver(change);
        } finally {
            delivering = false;
        }
        if (journal != null && journal.records() > Math.max(MIN_RECORDS_BEFORE_COMPACTION,
                RECORDS_PER_LIVE_ROUTE_BEFORE_COMPACTION * (table.size() + table.tcpRoutes().size()))) {
            compactLogged();
        }
    }

    private void compactLogged() {
        try {
            journal.compact(snapshot());
        } catch (RuntimeException e) {
            // Every change is journaled already; a failed compaction only leaves a longer journal.
            LOG.warn("cannot compact route journal {}; it stays as it is", journal.file(), e);
        }
    }

    private List<JournalLine.Set> snapshot() {
        RouteTable t = table;
        List<JournalLine.Set> lines = new ArrayList<>(t.size());
        for (Route r : t.routes()) {
            RouteState s = RouteState.of(r);
            lines.add(new JournalLine.Set(s, expiries.ttlsOf(s.key())));
        }
        for (TcpRoute r : t.tcpRoutes()) {
            RouteState s = RouteState.of(r);
            lines.add(new JournalLine.Set(s, expiries.ttlsOf(s.key())));
        }
        return lines;
    }
}
