package dev.ferry.router.route;

import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.RouteTableFile;
import dev.ferry.router.Transport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's in-memory view of the {@link RouteRegistry}: the live {@link RouteTable} and a cached
 * {@link Pool} per route, read on the hot path without locks and without leaving the process.
 *
 * <p>{@link #start()} first serves the persisted snapshot file when there is one, then subscribes to the
 * registry on a background thread: a registry that hangs or throws never blocks the router. Snapshots
 * replace the table and diffs are applied to it ({@link RouteTable#apply}); each produces a new immutable
 * table swapped atomically, after which the table listeners run. While the registry is failing, the last
 * table keeps serving and the subscription is retried with a backoff capped at 10 s. The snapshot file is
 * rewritten after changes (debounced by {@link LiveRoutesConfig#snapshotWriteDelay()}) and on close.
 *
 * <p>Pools are rebuilt only for the routes a change names. In-flight counts and passive ejection are kept
 * per endpoint id, outside the pools, so they survive route changes; active health checks (state per route
 * and endpoint id) run on the given event loop group; a TCP route's check is the same HTTP {@code GET},
 * with the endpoint's authority as {@code Host}, as is a wildcard route's. Balancing, affinity and health rules: see
 * {@link Pool#pick}; in short, smooth weighted round-robin or power-of-two-choices, never an endpoint active
 * health marked down, and the least recently ejected endpoint when passive health ejected them all.
 *
 * <p>Meters: {@code ferry.router.routes}, {@code ferry.router.tcp.routes},
 * {@code ferry.router.endpoints{state=healthy|ejected|down}}, {@code ferry.router.endpoint.ejections}.
 */
public final class LiveRoutes implements RouteLookup, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveRoutes.class);

    private final LiveRoutesConfig config;
    private final AtomicReference<RouteTable> table = new AtomicReference<>(RouteTable.empty());
    private final List<Consumer<RouteTable>> listeners = new CopyOnWriteArrayList<>();
    private final Object applyLock = new Object();
    private final EndpointStates states;
    private final PoolSet pools;
    private final RouteMetrics metrics;
    private final SnapshotWriter snapshotWriter;
    private final RegistrySubscriber subscriber;
    private volatile boolean started;
    private volatile boolean closed;

    public LiveRoutes(RouteRegistry registry, LiveRoutesConfig config, Transport transport, EventLoopGroup group,
                      MeterRegistry meters) {
        Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(meters, "meters");
        Counter ejections = RouteMetrics.ejectionCounter(meters);
        this.states = new EndpointStates(config.clock(), config.passiveEjection(), ejections);
        this.pools = new PoolSet(states, group, new Bootstrap().group(group).channel(transport.clientChannel()));
        this.metrics = new RouteMetrics(meters, ejections, () -> table().size(),
                pools::tcpCount, pools.liveViews(), states::now);
        this.snapshotWriter = new SnapshotWriter(config.snapshotFile(), config.snapshotWriteDelay(), this::table);
        this.subscriber = new RegistrySubscriber(registry, new RegistrySubscriber.Sink() {
            @Override
            public void snapshot(RouteTable t) {
                replace(t, true);
            }

            @Override
            public void change(RouteChange change) {
                applyChange(change);
            }
        });
    }

    /**
     * Serves the persisted snapshot at once when the file exists, then subscribes to the registry in the
     * background. Returns without waiting for the registry.
     */
    public void start() {
        if (closed) {
            throw new IllegalStateException("LiveRoutes is closed");
        }
        if (started) {
            return;
        }
        started = true;
        loadSnapshotFile();
        subscriber.start();
    }

    private void loadSnapshotFile() {
        if (config.snapshotFile() == null || !Files.isRegularFile(config.snapshotFile())) {
            return;
        }
        try {
            RouteTable persisted = RouteTableFile.read(config.snapshotFile());
            replace(persisted, false);
            log.info("serving {} HTTP and {} TCP routes from {} until the registry answers", persisted.size(),
                    persisted.tcpRoutes().size(), config.snapshotFile());
        } catch (Exception e) {
            log.warn("cannot read the route snapshot {}; starting with an empty table: {}", config.snapshotFile(),
                    e.getMessage());
        }
    }

    /** The live table. */
    public RouteTable table() {
        return table.get();
    }

    /**
     * Registers a listener called with the new table after each swap, on the thread applying the change
     * (the registry subscriber, or the caller of {@link #start()} for the snapshot file). It must not block.
     */
    public void addTableListener(Consumer<RouteTable> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Unregisters a listener added by {@link #addTableListener}; no effect if it was not registered. */
    public void removeTableListener(Consumer<RouteTable> listener) {
        listeners.remove(listener);
    }

    @Override
    public Pool http(String normalizedHost) {
        Route route = table.get().lookup(normalizedHost);
        return route == null ? null : pools.http(route.domain());
    }

    /** The pool of a TCP route; its {@link Pool#route()} is {@code null} (a TCP route has no domain). */
    @Override
    public Pool tcp(int port) {
        return pools.tcp(port);
    }

    /**
     * Requests (or TCP relays) in flight on an endpoint id, over every route, as counted by
     * {@link Pool#started}/{@link Pool#finished}; 0 for an id the router does not know. For diagnostics.
     */
    public int inFlight(String endpointId) {
        EndpointState s = states.state(endpointId);
        return s == null ? 0 : s.inFlight.get();
    }

    private void replace(RouteTable next, boolean persist) {
        synchronized (applyLock) {
            if (closed) {
                return;
            }
            RouteTable current = table.get();
            swap(current, next, current.diff(next), persist);
        }
    }

    private void applyChange(RouteChange change) {
        synchronized (applyLock) {
            if (closed) {
                return;
            }
            RouteTable current = table.get();
            swap(current, current.apply(change), List.of(change), true);
        }
    }

    private void swap(RouteTable current, RouteTable next, List<RouteChange> changes, boolean persist) {
        for (RouteChange c : changes) {
            pools.set(c, current);
        }
        table.set(next);
        for (RouteChange c : changes) {
            pools.remove(c, current);
        }
        states.prune();
        for (Consumer<RouteTable> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.warn("a route table listener failed", e);
            }
        }
        if (persist) {
            snapshotWriter.changed();
        }
    }

    /** Stops the subscription and the health checks, and writes the snapshot file one last time. */
    @Override
    public void close() {
        synchronized (applyLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        subscriber.close();
        pools.close();
        metrics.close();
        snapshotWriter.close();
    }
}
