package dev.ferry.router.proxy;

import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import dev.ferry.router.log.AccessLogEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;

/** A real router on an ephemeral port with {@link FixedRoutes}, real backends, and recorded log and meters. */
final class RouterFixture implements AutoCloseable {

    /** The backends' event loops; the router has its own. */
    final EventLoopGroup group = new Transport(false).newGroup(2, "test-backend");
    private final EventLoopGroup routerGroup = new Transport(false).newGroup(2, "test-router");
    final FixedRoutes routes = new FixedRoutes();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final LinkedBlockingQueue<AccessLogEntry> log = new LinkedBlockingQueue<>();
    final Router router;
    private final List<AutoCloseable> backends = new ArrayList<>();

    RouterFixture() {
        this(b -> b);
    }

    RouterFixture(UnaryOperator<RouterConfig.Builder> tune) {
        RouterConfig config = tune.apply(RouterConfig.builder().httpPort(0).shutdownGracePeriod(Duration.ofMillis(200)))
                .build();
        router = new Router(config, routes, new Transport(false), routerGroup, meters, log::add);
        router.start();
    }

    int port() {
        return router.httpPort();
    }

    <T extends AutoCloseable> T track(T backend) {
        backends.add(backend);
        return backend;
    }

    @Override
    public void close() {
        router.close();
        if (routes.unmatchedFinishes.get() != 0) {
            throw new AssertionError("Pool.finished was called more often than Pool.started");
        }
        for (AutoCloseable b : backends) {
            try {
                b.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        routerGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
