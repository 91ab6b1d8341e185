package dev.ferry.router.proxy;

import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.route.RouteLookup;
import dev.ferry.router.tls.TlsConfig;
import dev.ferry.router.tls.TlsSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Started routers with an HTTPS listener, for the HTTPS component tests: HTTP and HTTPS on ephemeral loopback ports,
 * the default certificate kept in {@code dir/default.p12}, certificates from the test's {@link TlsSource}, and a
 * 100 ms shutdown grace period unless the test gives its own.
 */
final class HttpsRouters {

    private HttpsRouters() {
    }

    static Router start(RouteLookup routes, EventLoopGroup group, Path dir, TlsSource source, AccessLog log) {
        return start(routes, group, dir, source, log, Duration.ofMillis(100));
    }

    static Router start(RouteLookup routes, EventLoopGroup group, Path dir, TlsSource source, AccessLog log,
            Duration shutdownGracePeriod) {
        Router router = new Router(RouterConfig.builder().httpPort(0).shutdownGracePeriod(shutdownGracePeriod).build(),
                routes, new Transport(false), group, new SimpleMeterRegistry(), log,
                TlsConfig.of(0, dir.resolve("default.p12")), source);
        router.start();
        return router;
    }
}
