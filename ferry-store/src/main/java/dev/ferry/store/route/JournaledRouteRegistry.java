package dev.ferry.store.route;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import dev.ferry.store.route.internal.RouteJournal;
import dev.ferry.store.route.internal.RouteKey;
import dev.ferry.store.route.internal.RouteState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link RouteRegistry} of a single-node Ferry: the table lives in memory and every change is
 * journaled to a file in the data directory ({@code open}), or nowhere ({@link #inMemory()}).
 *
 * <h2>Mutations and the change stream</h2>
 * Mutations are serialised by one lock. Each one validates its input (an {@link IllegalArgumentException}
 * with a readable sentence), computes the new route, appends one record to the journal, swaps the
 * {@link RouteTable} and hands the {@link RouteChange} to every subscriber, then returns. A mutation that
 * changes nothing writes nothing and emits nothing. {@link #table()} never takes the lock. Listeners are
 * called synchronously on the mutating thread (the sweeper's thread for expiries), under the lock: they
 * must be fast, must not block, and must not mutate the registry from a callback (that throws
 * {@link IllegalStateException}). A listener that throws is logged and keeps its subscription; the others
 * are not affected. {@link #subscribe} delivers {@code onSnapshot(table())} and then every later change,
 * none lost or repeated in between.
 *
 * <h2>Return values</h2>
 * {@code removeEndpoint} returns empty for an unknown route, and the unchanged route when the route is
 * known but the endpoint is not; {@code removeRoute} returns false for an unknown route.
 *
 * <h2>TTLs</h2>
 * An endpoint added with a TTL expires {@code ttl} after its last registration; registering it again
 * refreshes it, and registering it permanently clears its TTL. A refresh that changes nothing is not
 * journaled. A daemon sweeper (every second by default) removes expired
 * endpoints through the normal mutation path, so subscribers see the removal; the route stays, possibly
 * with an empty pool. After a restart every TTL endpoint gets a fresh grace period of its TTL, counted from
 * the reopen, since its owner keeps refreshing it (gorouter's behaviour).
 *
 * <h2>Journal format (version 1)</h2>
 * A UTF-8 text file, one record per line:
 * <pre>
 * # ferry route journal v1
 * set http app1.local round_robin 0 - 3f2a9c0b11de@127.0.0.1:9001*1 3f2a9c0b11de=30000
 * set tcp 5432 least_outstanding 0 /,5000,2000,2,3 a81c55e0f4b2@db:5432*2 -
 * del http app1.local
 * del tcp 5432
 * </pre>
 * The header names the format version; a reader refuses versions it does not know. {@code set} is followed
 * by a {@link dev.ferry.core.route.RouteCodec} line with the whole new state of one route, then a last
 * field with the TTL in milliseconds of each endpoint that has one ({@code id=ms} joined by commas), or
 * {@code -}. {@code del} removes a route with its pool. Replay keeps the last {@code set} of every route
 * not deleted after it.
 *
 * <h2>Durability</h2>
 * A mutation returns only after its record has been written to the file with one {@code write()}: it is in
 * the OS page cache, so a crash of the process ({@code kill -9} included) loses nothing acknowledged. The
 * file is forced to the disk ({@code fsync}) by a background thread at most every second, and always on
 * {@link #close()}, so a crash of the operating system or a power loss may lose the last second of
 * changes. Opening replays the journal: bytes after the last newline, or a last record that does not parse,
 * are what a crash during an append leaves, and are cut off with a warning; a bad record anywhere before
 * that is corruption, reported as a {@link CorruptJournalException} naming the file and line, with the file
 * left untouched. Opening a journal that holds superseded records, and any mutation that leaves more
 * than {@code max(1000, 4 x live routes)} records, compacts the journal: a snapshot of the table is written to
 * {@code <journal>.compacting}, synced, and renamed over the journal, so a crash leaves the old journal or
 * the new one, never a mix. While a registry has the journal open it holds an OS lock on
 * {@code <journal>.lock}; a second registry on the same journal, in this process or another, is refused.
 */
public final class JournaledRouteRegistry implements RouteRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledRouteRegistry.class);
    /** The sweeper's default interval: 1 s. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);
    /** The longest TTL accepted: 365 days. */
    public static final Duration MAX_TTL = Duration.ofDays(365);
    private static final long SYNC_INTERVAL_MILLIS = 1000;

    private final ReentrantLock lock = new ReentrantLock();
    private final RouteJournal journal;
    private final RegistryState state;
    private final ScheduledExecutorService background;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    private JournaledRouteRegistry(RouteJournal journal, RegistryState state) {
        this.journal = journal;
        this.state = state;
        this.background = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ferry-route-registry");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (or creates) the journal at {@code journalFile}, with the system clock and a 1 s sweep. */
    public static JournaledRouteRegistry open(Path journalFile) {
        return open(journalFile, Clock.systemUTC(), DEFAULT_SWEEP_INTERVAL);
    }

    /**
     * Opens (or creates, with its directories) the journal at {@code journalFile} and replays it.
     *
     * @param clock         the clock that TTL deadlines are measured with
     * @param sweepInterval how often expired endpoints are removed
     * @throws CorruptJournalException when the journal cannot be replayed; the file is left unchanged
     */
    public static JournaledRouteRegistry open(Path journalFile, Clock clock, Duration sweepInterval) {
        checkInterval(sweepInterval);
        present(clock, "clock");
        RouteJournal.Opened opened = RouteJournal.open(journalFile);
        try {
            RegistryState state = new RegistryState(opened.journal(), opened.routes(), clock);
            return new JournaledRouteRegistry(opened.journal(), state).start(sweepInterval);
        } catch (RuntimeException e) {
            opened.journal().close();
            throw e;
        }
    }

    /** A registry that keeps nothing on disk, with the system clock and a 1 s sweep. */
    public static JournaledRouteRegistry inMemory() {
        return inMemory(Clock.systemUTC(), DEFAULT_SWEEP_INTERVAL);
    }

    /** A registry that keeps nothing on disk; otherwise as {@link #open(Path, Clock, Duration)}. */
    public static JournaledRouteRegistry inMemory(Clock clock, Duration sweepInterval) {
        checkInterval(sweepInterval);
        present(clock, "clock");
        return new JournaledRouteRegistry(null, new RegistryState(null, List.of(), clock)).start(sweepInterval);
    }

    private JournaledRouteRegistry start(Duration sweepInterval) {
        long sweepMillis = sweepInterval.toMillis();
        background.scheduleWithFixedDelay(() -> runLogged("sweep", this::sweepExpired), sweepMillis, sweepMillis,
                TimeUnit.MILLISECONDS);
        if (journal != null) {
            background.scheduleWithFixedDelay(() -> runLogged("sync", journal::syncIfDirty), SYNC_INTERVAL_MILLIS,
                    SYNC_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public RouteTable table() {
        return state.table();
    }

    @Override
    public Route putRoute(String domain, RoutePolicy policy) {
        present(policy, "route policy");
        return locked(() -> state.putPolicy(RouteKey.http(domain), policy)).asHttp();
    }

    @Override
    public Route addEndpoint(String domain, Endpoint endpoint, Optional<Duration> ttl) {
        present(endpoint, "endpoint");
        long ttlMillis = ttlMillis(ttl);
        return locked(() -> state.add(RouteKey.http(domain), endpoint, ttlMillis)).asHttp();
    }

    @Override
    public Optional<Route> removeEndpoint(String domain, String endpointId) {
        present(endpointId, "endpoint id");
        return locked(() -> state.remove(RouteKey.http(domain), endpointId)).map(RouteState::asHttp);
    }

    @Override
    public boolean removeRoute(String domain) {
        return locked(() -> state.delete(RouteKey.http(domain)));
    }

    @Override
    public TcpRoute putTcpRoute(int port, RoutePolicy policy) {
        present(policy, "route policy");
        return locked(() -> state.putPolicy(RouteKey.tcp(port), policy)).asTcp();
    }

    @Override
    public TcpRoute addTcpEndpoint(int port, Endpoint endpoint, Optional<Duration> ttl) {
        present(endpoint, "endpoint");
        long ttlMillis = ttlMillis(ttl);
        return locked(() -> state.add(RouteKey.tcp(port), endpoint, ttlMillis)).asTcp();
    }

    @Override
    public Optional<TcpRoute> removeTcpEndpoint(int port, String endpointId) {
        present(endpointId, "endpoint id");
        return locked(() -> state.remove(RouteKey.tcp(port), endpointId)).map(RouteState::asTcp);
    }

    @Override
    public boolean removeTcpRoute(int port) {
        return locked(() -> state.delete(RouteKey.tcp(port)));
    }

    @Override
    public Subscription subscribe(RouteListener listener) {
        present(listener, "route listener");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("route registry is closed");
            }
            return state.subscribe(listener);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the sweeper, ends every subscription, and syncs and closes the journal; idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            background.shutdownNow();
            state.closeSubscriptions();
            if (journal != null) {
                journal.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes every endpoint whose TTL has run out; the sweeper calls this, tests may too. */
    void sweepExpired() {
        lock.lock();
        try {
            if (!closed) {
                state.sweepExpired();
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> operation) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("route registry is closed");
            }
            if (state.delivering()) {
                throw new IllegalStateException("a route listener must not change routes from inside its callback");
            }
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    private static long ttlMillis(Optional<Duration> ttl) {
        present(ttl, "TTL (Optional.empty() for a permanent endpoint)");
        if (ttl.isEmpty()) {
            return 0;
        }
        Duration d = ttl.get();
        if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("endpoint TTL " + d + " must be between 1 ms and 365 days");
        }
        return d.toMillis();
    }

    private static void checkInterval(Duration sweepInterval) {
        present(sweepInterval, "sweep interval");
        if (sweepInterval.toMillis() < 1) {
            throw new IllegalArgumentException("sweep interval " + sweepInterval + " must be at least 1 ms");
        }
    }

    private static void present(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("the " + what + " is missing");
        }
    }

    private static void runLogged(String task, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // Logged, not thrown: an exception would cancel the periodic task for good.
            LOG.warn("route registry {} failed; will try again", task, e);
        }
    }
}
