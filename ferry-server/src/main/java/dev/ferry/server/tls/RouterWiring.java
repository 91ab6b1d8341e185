package dev.ferry.server.tls;

import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.route.RouteLookup;
import dev.ferry.router.tls.TlsConfig;
import dev.ferry.server.config.FerryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;

/**
 * Makes and starts the platform's router: the HTTP listener on {@code --http-port} and, unless {@code --https-port}
 * is 0, the HTTPS listener with its certificates from {@code tls} and the self-signed default certificate in
 * {@code <data-dir>/tls/default.p12}.
 */
public final class RouterWiring {

    /** The default certificate's file, under the data directory. */
    public static final String DEFAULT_CERTIFICATE = "tls/default.p12";

    private RouterWiring() {
    }

    public static Router start(FerryConfig config, RouteLookup routes, Transport transport, EventLoopGroup group,
                               MeterRegistry meters, AccessLog accessLog, Path dataDir, StoreTlsSource tls) {
        TlsConfig https = config.httpsPort() == FerryConfig.OFF ? null
                : TlsConfig.of(FerryConfig.bindPort(config.httpsPort()), dataDir.resolve(DEFAULT_CERTIFICATE));
        Router router = new Router(RouterConfig.builder()
                .bindAddress(config.bindAddress())
                .httpPort(FerryConfig.bindPort(config.httpPort()))
                .maxConnections(config.maxConnections())
                .maxConnectionsPerClient(config.maxConnectionsPerClient())
                .trustedProxies(config.trustedProxies())
                .build(), routes, transport, group, meters, accessLog, https, tls);
        router.start();
        return router;
    }
}
