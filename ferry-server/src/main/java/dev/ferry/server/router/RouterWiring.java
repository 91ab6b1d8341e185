package dev.ferry.server.router;

import dev.ferry.core.route.RouteRegistry;
import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.route.LiveRoutes;
import dev.ferry.router.route.LiveRoutesConfig;
import dev.ferry.router.tcp.TcpRouter;
import dev.ferry.router.tcp.TcpRouterConfig;
import dev.ferry.router.tls.OcspConfig;
import dev.ferry.router.tls.TlsConfig;
import dev.ferry.router.tls.TlsSource;
import dev.ferry.server.config.FerryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.Optional;

/**
 * Starts the data plane on a route registry, the same way in {@code ferry up} and in {@code ferry router}: the
 * router's live view of the registry (serving the snapshot file at once, then following the registry in the
 * background, so a registry that is down never delays the start), the HTTP router when {@code --http-port} is
 * not 0 — with its HTTPS listener when a certificate source is given and {@code --https-port} is not 0 (certificates
 * by SNI, the self-signed default in {@code <data-dir>/tls/default.p12}, OCSP stapling unless
 * {@code --ocsp-stapling off}) — and the TCP routes. Each part is pushed onto the caller's stack of started parts as it starts, so the
 * caller stops them in reverse order.
 */
public final class RouterWiring {

    private RouterWiring() {
    }

    /** What started: the live routes, and the HTTP router unless it is off. */
    public record Started(LiveRoutes routes, Optional<Router> router) {
    }

    /** The default certificate's file, under the data directory. */
    public static final String DEFAULT_CERTIFICATE = "tls/default.p12";

    /**
     * @param snapshotFile where the router keeps its last table, served at start before the registry answers
     * @param passiveEjection how long an endpoint that refused a connection is skipped
     * @param certificates the HTTPS listener's certificates, or null for no HTTPS listener
     */
    public static Started start(FerryConfig config, RouteRegistry registry, Path snapshotFile, Duration passiveEjection,
                                Transport transport, EventLoopGroup group, MeterRegistry meters, AccessLog accessLog,
                                TlsSource certificates, Deque<AutoCloseable> started) throws Exception {
        LiveRoutes routes = new LiveRoutes(registry,
                LiveRoutesConfig.builder().snapshotFile(snapshotFile).passiveEjection(passiveEjection).build(),
                transport, group, meters);
        routes.start();
        started.push(routes);
        Router router = null;
        if (config.httpPort() != FerryConfig.OFF) {
            router = new Router(RouterConfig.builder()
                    .bindAddress(config.bindAddress())
                    .httpPort(FerryConfig.bindPort(config.httpPort()))
                    .maxConnections(config.maxConnections())
                    .maxConnectionsPerClient(config.maxConnectionsPerClient())
                    .trustedProxies(config.trustedProxies())
                    .build(), routes, transport, group, meters, accessLog, https(config, certificates), certificates);
            router.start();
            started.push(router);
        }
        TcpRouter tcp = new TcpRouter(routes, TcpRouterConfig.builder().bindAddress(config.bindAddress()).build(),
                transport, group);
        tcp.start();
        started.push(tcp);
        return new Started(routes, Optional.ofNullable(router));
    }

    private static TlsConfig https(FerryConfig config, TlsSource certificates) {
        return certificates == null || config.httpsPort() == FerryConfig.OFF ? null
                : TlsConfig.of(FerryConfig.bindPort(config.httpsPort()), config.dataDir().resolve(DEFAULT_CERTIFICATE))
                        .withOcsp(config.ocspStapling() ? OcspConfig.DEFAULT : OcspConfig.OFF);
    }
}
