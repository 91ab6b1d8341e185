package dev.ferry.server.router;

import java.util.Optional;
import dev.ferry.store.route.RedisAcmeChallenges;
import dev.ferry.store.route.RedisTlsBundle;
import dev.ferry.server.tls.RouterCertificateKey;
import dev.ferry.store.route.RedisRouteRegistry;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.router.Router;
import dev.ferry.router.Transport;
import dev.ferry.router.log.QueuedAccessLog;
import dev.ferry.router.log.Slf4jAccessLog;
import dev.ferry.router.route.LiveRoutes;
import dev.ferry.server.DataDirectory;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.RegistryWiring;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.usage.UsageSinks;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ferry router} role: the data plane alone (HTTP router and TCP routes) on the fleet's shared route
 * registry, with no store, no API and no runtime. Its state is its route snapshot, kept in
 * {@code <data-dir>/router-node/} (locked while it runs, so a {@code ferry up} or {@code ferry control} may use the
 * same data dir, and a second router on one machine needs its own {@code --data-dir}). It serves the snapshot at
 * once, follows the registry's changes as diffs, and keeps serving its last table while the registry is down
 * (README, "Redis registry"). On a Redis registry it answers the ACME HTTP-01 challenges that control nodes put there
 * ({@link AcmeChallengesFollower}); given the fleet's secret key, it serves HTTPS with the certificates control nodes
 * publish there ({@link RegistryTlsSource}), as {@code ferry up}'s router serves them from the store; without the key
 * it serves no HTTPS. {@link #close()} stops accepting, lets requests in flight finish, then stops.
 */
public final class RouterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RouterNode.class);
    /** The subdirectory of the data dir a router node keeps its snapshot in. */
    public static final String DIRECTORY = "router-node";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final FerryConfig config;
    private final Optional<RedisRegistryConfig> replica;
    private DataDirectory dataDirectory;
    private LiveRoutes routes;
    private Router router;
    private Transport transport;

    private RouterNode(FerryConfig config, Optional<RedisRegistryConfig> replica) {
        this.config = config;
        this.replica = replica;
    }

    /** Starts the router on the registry of {@code config}; on failure, stops what had started and rethrows. */
    public static RouterNode start(FerryConfig config, PlatformTuning tuning) throws Exception {
        return start(config, Optional.empty(), tuning);
    }

    /**
     * Starts the router on the registry of {@code config}, or, when {@code replica} is given, on that Redis replica
     * of the fleet's registry, which it reads and never writes to ({@code --registry-replica}); on failure, stops
     * what had started and rethrows.
     */
    public static RouterNode start(FerryConfig config, Optional<RedisRegistryConfig> replica, PlatformTuning tuning)
            throws Exception {
        RouterNode node = new RouterNode(config, replica);
        try {
            node.startAll(tuning);
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private void startAll(PlatformTuning tuning) throws Exception {
        dataDirectory = DataDirectory.lock(config.dataDir().resolve(DIRECTORY));
        started.push(dataDirectory);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        started.push(meters::close);
        RouteRegistry registry = replica.isPresent() ? RedisRouteRegistry.openReplica(replica.get())
                : RegistryWiring.open(config, dataDirectory);
        started.push(registry);
        transport = Transport.detect();
        EventLoopGroup group = transport.newGroup(0, "ferry-io");
        started.push(() -> group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly());
        // A router on the fleet's registry reports its traffic to the control nodes (usage, charts, autoscaler).
        QueuedAccessLog accessLog = new QueuedAccessLog(UsageSinks.ofRouter(replica.isPresent() ? Optional.empty()
                : config.registry(), started, new Slf4jAccessLog()));
        started.push(accessLog);
        Optional<RedisRegistryConfig> shared = replica.isPresent() ? replica : config.registry();
        RegistryTlsSource tls = certificates(shared);
        RouterWiring.Started data = RouterWiring.start(config, registry, dataDirectory.routerSnapshot(),
                tuning.passiveEjection(), transport, group, meters, accessLog, tls, started);
        routes = data.routes();
        router = data.router().orElse(null);
        if (router != null) {
            if (shared.isPresent()) {
                started.push(new AcmeChallengesFollower(new RedisAcmeChallenges(shared.get()),
                        tls != null ? tls::answerAcmeChallenges : router::answerAcmeChallenges).start());
            }
            started.push(router::stopAccepting); // stopping begins: in-flight requests finish
        }
    }

    /**
     * The certificates control nodes publish in the registry, when this router serves HTTPS: it has the fleet's
     * secret key ({@code --secret-key-file} or {@code FERRY_SECRET_KEY}), a Redis registry and an HTTPS port.
     */
    private RegistryTlsSource certificates(Optional<RedisRegistryConfig> shared) {
        if (config.store().key().isEmpty() || shared.isEmpty() || config.httpPort() == FerryConfig.OFF
                || config.httpsPort() == FerryConfig.OFF) {
            return null;
        }
        RegistryTlsSource tls = new RegistryTlsSource(new RedisTlsBundle(shared.get()),
                RouterCertificateKey.of(config.store().key().get()), dataDirectory.root(), RegistryTlsSource.POLL);
        started.push(tls);
        return tls.start();
    }

    /** The HTTP port, or -1 when the HTTP router is off. */
    public int httpPort() {
        return router == null ? -1 : router.httpPort();
    }

    /** The HTTPS port, or -1 when this router serves no HTTPS (no secret key, or {@code --https-port 0}). */
    public int httpsPort() {
        return router == null ? -1 : router.httpsPort();
    }

    /** The live route table this router serves. */
    public LiveRoutes routes() {
        return routes;
    }

    /** Where this router keeps its state (its route snapshot). */
    public Path directory() {
        return dataDirectory.root();
    }

    public Transport transport() {
        return transport;
    }

    public FerryConfig config() {
        return config;
    }

    /** Stops every part that started, in reverse order; never throws. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("while stopping {}: {}", c, e.toString());
            }
        }
    }
}
