package dev.ferry.store.route;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import dev.ferry.store.route.internal.RedisKeys;
import dev.ferry.store.route.internal.RouteKey;
import dev.ferry.store.route.internal.RouteState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RouteRegistry} shared by every router, gateway and control node of a fleet: the table lives in
 * Redis (layout in the README's "Redis registry" section and decision record 013), and each registry keeps an
 * in-process copy that its subscribers are fed from.
 *
 * <h2>Guarantees (the journaled registry's, across processes)</h2>
 * A mutation validates its input (an {@link IllegalArgumentException} with a readable sentence, nothing
 * written), writes the route's whole new record with a compare-and-set script that also records the change
 * (a counter, a bounded stream, a pub/sub notification) in the same atomic step, and returns once Redis has
 * acknowledged it and this registry's own subscribers have been handed the change. A mutation that changes
 * nothing writes nothing and emits nothing. Every registry on the same Redis sees every change, in the order
 * Redis applied them. Listeners are called on the registry's one delivery thread, never concurrently; a
 * listener must not mutate from its callback (that throws {@link IllegalStateException}).
 *
 * <h2>TTLs</h2>
 * An endpoint's deadline is kept in a sorted set, by Redis's own clock. Every registry sweeps once a
 * {@link RedisRegistryConfig#sweepInterval()}; an expired endpoint is removed through the normal write
 * (only if its deadline has still passed), so subscribers see it go. When no registry has swept for longer
 * than {@link RedisRegistryConfig#outageGap()} (Redis was down or restarting), deadlines move forward by that
 * gap instead: owners could not refresh, so nothing expires for it.
 *
 * <h2>Faults</h2>
 * The registry connects on first use. While Redis is unreachable, mutations throw
 * {@link RouteRegistryUnavailableException} and change nothing; the copy, {@link #table()} and subscribers
 * keep the last table; subscribers get one {@link RouteListener#onRegistryFailure} per outage, then the
 * missed changes (from the stream, or a whole new snapshot when the stream no longer reaches back) once Redis
 * answers. Connections come back by themselves after 200 ms, doubling up to 10 s. {@code subscribe} throws
 * {@link RouteRegistryUnavailableException} only when the table was never loaded.
 *
 * <h2>On a replica</h2>
 * {@link #openReplica} reads a Redis replica of the fleet's primary (a region's routers read their region's
 * replica, {@code ferry router --registry-replica}): the same copy and subscribers, fed by what the replica has
 * received (the stream, the keys and the notifications, which Redis replicates), and nothing written: no sweep
 * (the registries on the primary sweep) and every mutation refused with an {@link IllegalStateException}.
 */
public final class RedisRouteRegistry implements RouteRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRouteRegistry.class);
    /** The longest TTL accepted: 365 days, as the journaled registry. */
    public static final Duration MAX_TTL = JournaledRouteRegistry.MAX_TTL;

    private final RedisConnections redis;
    private final RedisRouteMirror mirror;
    private final RedisRouteWriter writer;
    private final ScheduledThreadPoolExecutor sweeper;
    private final boolean replica;
    private volatile boolean closed;

    private RedisRouteRegistry(RedisRegistryConfig config, boolean replica) {
        this.redis = new RedisConnections(config);
        this.replica = replica;
        RedisKeys keys = new RedisKeys(config.keyPrefix());
        this.mirror = new RedisRouteMirror(redis, keys, config);
        this.writer = new RedisRouteWriter(redis, keys, config, mirror::awaitApplied, mirror::lacks);
        this.sweeper = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ferry-redis-sweeper");
            t.setDaemon(true);
            return t;
        });
        if (!replica) {
            long sweep = config.sweepInterval().toMillis();
            sweeper.scheduleWithFixedDelay(this::sweepLogged, sweep, sweep, TimeUnit.MILLISECONDS);
        }
    }

    /** A registry on the Redis of {@code config}; Redis is not contacted until first use. */
    public static RedisRouteRegistry open(RedisRegistryConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("the Redis registry configuration is missing");
        }
        return new RedisRouteRegistry(config, false);
    }

    /**
     * A registry that reads the Redis replica of {@code config} and writes nothing; Redis is not contacted until
     * first use.
     */
    public static RedisRouteRegistry openReplica(RedisRegistryConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("the Redis replica's configuration is missing");
        }
        return new RedisRouteRegistry(config, true);
    }

    @Override
    public RouteTable table() {
        return mirror.table();
    }

    @Override
    public Route putRoute(String domain, RoutePolicy policy) {
        present(policy, "route policy");
        RouteKey key = RouteKey.http(domain);
        guard();
        return writer.putPolicy(key, policy).asHttp();
    }

    @Override
    public Route addEndpoint(String domain, Endpoint endpoint, Optional<Duration> ttl) {
        present(endpoint, "endpoint");
        long ttlMillis = ttlMillis(ttl);
        RouteKey key = RouteKey.http(domain);
        guard();
        return writer.add(key, endpoint, ttlMillis).asHttp();
    }

    @Override
    public Optional<Route> removeEndpoint(String domain, String endpointId) {
        present(endpointId, "endpoint id");
        RouteKey key = RouteKey.http(domain);
        guard();
        return writer.remove(key, endpointId, false).map(RouteState::asHttp);
    }

    @Override
    public boolean removeRoute(String domain) {
        RouteKey key = RouteKey.http(domain);
        guard();
        return writer.delete(key);
    }

    @Override
    public TcpRoute putTcpRoute(int port, RoutePolicy policy) {
        present(policy, "route policy");
        RouteKey key = RouteKey.tcp(port);
        guard();
        return writer.putPolicy(key, policy).asTcp();
    }

    @Override
    public TcpRoute addTcpEndpoint(int port, Endpoint endpoint, Optional<Duration> ttl) {
        present(endpoint, "endpoint");
        long ttlMillis = ttlMillis(ttl);
        RouteKey key = RouteKey.tcp(port);
        guard();
        return writer.add(key, endpoint, ttlMillis).asTcp();
    }

    @Override
    public Optional<TcpRoute> removeTcpEndpoint(int port, String endpointId) {
        present(endpointId, "endpoint id");
        RouteKey key = RouteKey.tcp(port);
        guard();
        return writer.remove(key, endpointId, false).map(RouteState::asTcp);
    }

    @Override
    public boolean removeTcpRoute(int port) {
        RouteKey key = RouteKey.tcp(port);
        guard();
        return writer.delete(key);
    }

    @Override
    public Subscription subscribe(RouteListener listener) {
        present(listener, "route listener");
        if (closed) {
            throw new IllegalStateException("route registry is closed");
        }
        return mirror.subscribe(listener);
    }

    /** Stops sweeping, ends every subscription and closes the connections; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweeper.shutdownNow();
        mirror.close();
        redis.close();
    }

    /** Removes the endpoints whose TTL ran out; the sweeper calls this, tests may too. Returns how many. */
    int sweepExpired() {
        return writer.sweep();
    }

    private void sweepLogged() {
        if (closed) {
            return;
        }
        try {
            writer.sweep();
        } catch (RuntimeException e) {
            // Logged, not thrown: an exception would cancel the periodic task for good.
            LOG.debug("route registry sweep failed; will try again: {}", e.toString());
        }
    }

    private void guard() {
        if (closed) {
            throw new IllegalStateException("route registry is closed");
        }
        if (replica) {
            throw new IllegalStateException("this registry reads the replica " + redis.address()
                    + " and changes nothing; change routes through a control node, which writes to the primary");
        }
        if (mirror.onDeliveryThread()) {
            throw new IllegalStateException("a route listener must not change routes from inside its callback");
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

    private static void present(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("the " + what + " is missing");
        }
    }
}
