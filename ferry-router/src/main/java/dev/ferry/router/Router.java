package dev.ferry.router;

import dev.ferry.router.handler.ConnectionLimiter;
import dev.ferry.router.handler.TrustedProxies;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.metrics.RouterMetrics;
import dev.ferry.router.proxy.BackendConnectionPool;
import dev.ferry.router.proxy.FrontendHandler;
import dev.ferry.router.proxy.ProxyInitializer;
import dev.ferry.router.proxy.ProxyRuntime;
import dev.ferry.router.route.RouteLookup;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 reverse proxy listener: routes each request by its {@code Host} through a
 * {@link RouteLookup}, with keep-alive backend pools, retries, session affinity, WebSocket relays, Ferry's
 * error pages, an access log and Micrometer meters (see DESIGN §3 for the contract and
 * {@link ProxyInitializer} for the pipeline).
 *
 * <p>The event loop group is the caller's (shared with the TCP relays and health checks) and is not shut
 * down by {@link #close()}. Lifecycle: construct, {@link #start()} once, {@link #close()} once.
 */
public final class Router implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final RouterConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final BackendConnectionPool backends;
    private final ChannelGroup clients = new DefaultChannelGroup("ferry-clients", GlobalEventExecutor.INSTANCE);
    private final ProxyRuntime runtime;
    private Channel server;

    public Router(RouterConfig config, RouteLookup routes, Transport transport, EventLoopGroup group,
                  MeterRegistry meters, AccessLog accessLog) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.group = Objects.requireNonNull(group, "group");
        this.backends = new BackendConnectionPool(transport, ProxyInitializer.backendInitializer(config),
                config.connectTimeout(), config.maxIdlePerEndpoint(), config.backendIdleTime());
        RouterMetrics metrics = new RouterMetrics(Objects.requireNonNull(meters, "meters"), clients::size,
                backends::activeCount, backends::idleCount);
        TrustedProxies trusted = TrustedProxies.parse(config.trustedProxies());
        this.runtime = new ProxyRuntime(config, Objects.requireNonNull(routes, "routes"), backends, metrics,
                Objects.requireNonNull(accessLog, "accessLog"), trusted, clients,
                new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerClient(), trusted));
    }

    /**
     * Binds the HTTP listener.
     *
     * @throws IllegalStateException when the address cannot be bound (port taken, address not local) or the
     *                               router was already started
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("router already started");
        }
        ChannelFuture bind = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ProxyInitializer(runtime))
                .bind(new InetSocketAddress(config.bindAddress(), config.httpPort()))
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            Throwable cause = bind.cause();
            String reason = cause == null ? "bind failed" : cause.getMessage();
            if (reason != null && reason.contains("Address already in use")) {
                reason = "the port is already in use (choose another with --http-port)";
            }
            throw new IllegalStateException("cannot listen for HTTP on " + config.bindAddress() + ":" + config.httpPort()
                    + ": " + reason, cause);
        }
        server = bind.channel();
        log.info("router listening for HTTP on {} ({})", server.localAddress(), transport.describe());
    }

    /** The port the HTTP listener is bound to (the real one when the configured port is 0). */
    public synchronized int httpPort() {
        if (server == null) {
            throw new IllegalStateException("router not started");
        }
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Stops accepting, lets requests in flight finish for up to {@code shutdownGracePeriod}, then closes every
     * client and backend connection (WebSocket relays included).
     */
    @Override
    public synchronized void close() {
        stopAccepting();
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        backends.close();
    }

    /**
     * Stops accepting connections and lets requests in flight finish for up to {@code shutdownGracePeriod}, closing
     * each client connection once its response is out; WebSocket relays are left to {@link #close()}. The first step
     * of a graceful stop of the platform ({@code ferry up} on SIGTERM), before its apps stop.
     */
    public synchronized void stopAccepting() {
        if (server != null) {
            server.close().awaitUninterruptibly();
        }
        for (Channel ch : clients) {
            ch.eventLoop().execute(() -> {
                FrontendHandler frontend = ch.pipeline().get(FrontendHandler.class);
                if (frontend != null) {
                    frontend.drain();
                }
            });
        }
        long deadline = System.nanoTime() + config.shutdownGracePeriod().toNanos();
        while (!onlyRelaysLeft() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private boolean onlyRelaysLeft() {
        for (Channel ch : clients) {
            if (ch.pipeline().get(FrontendHandler.class) != null) {
                return false;
            }
        }
        return true;
    }
}
