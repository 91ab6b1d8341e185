package dev.ferry.router;

import dev.ferry.router.h2.StreamCounter;
import dev.ferry.router.handler.ConnectionLimiter;
import dev.ferry.router.handler.TrustedProxies;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.metrics.RouterMetrics;
import dev.ferry.router.proxy.BackendConnectionPool;
import dev.ferry.router.proxy.FrontendHandler;
import dev.ferry.router.proxy.ProxyInitializer;
import dev.ferry.router.proxy.ProxyRuntime;
import dev.ferry.router.route.RouteLookup;
import dev.ferry.router.tls.HttpsListener;
import dev.ferry.router.tls.HttpsPolicies;
import dev.ferry.router.tls.TlsConfig;
import dev.ferry.router.tls.TlsSource;
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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 and HTTP/2 reverse proxy listener (h2c by prior knowledge or {@code Upgrade}, see
 * {@link dev.ferry.router.h2.ProtocolDetector}), and the HTTPS one (h2 by ALPN) with certificates by SNI ({@link HttpsListener}): routes each request by its {@code Host} through a
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
    private final HttpsListener https;
    private final HttpsPolicies policies;
    private Channel server;
    private Channel httpsServer;

    /** A router with the HTTP listener alone. */
    public Router(RouterConfig config, RouteLookup routes, Transport transport, EventLoopGroup group,
                  MeterRegistry meters, AccessLog accessLog) {
        this(config, routes, transport, group, meters, accessLog, null, null);
    }

    /**
     * A router with an HTTPS listener too, when {@code tls} is not null: certificates by SNI from {@code source},
     * kept current without a restart, each host's {@code --force-https} redirect and HSTS.
     *
     * @throws java.io.UncheckedIOException when the default certificate file cannot be read or made
     */
    public Router(RouterConfig config, RouteLookup routes, Transport transport, EventLoopGroup group,
                  MeterRegistry meters, AccessLog accessLog, TlsConfig tls, TlsSource source) {
        this.policies = new HttpsPolicies();
        this.https = tls == null ? null : new HttpsListener(tls, Objects.requireNonNull(source, "source"), policies);
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
                new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerClient(), trusted), policies);
    }

    /**
     * Answers these ACME HTTP-01 challenges (token to key authorization) from now on, for a router with no HTTPS
     * listener, which otherwise fills them from its {@link TlsSource} ({@code ferry router}, from the registry).
     */
    public void answerAcmeChallenges(Map<String, String> answers) {
        policies.challenges(answers);
    }

    /**
     * Binds the HTTP listener, and the HTTPS one when configured.
     *
     * @throws IllegalStateException when the address cannot be bound (port taken, address not local) or the
     *                               router was already started
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("router already started");
        }
        server = bind("HTTP", config.httpPort(), "--http-port", new ProxyInitializer(runtime));
        log.info("router listening for HTTP on {} ({})", server.localAddress(), transport.describe());
        if (https != null) {
            https.start();
            try {
                httpsServer = bind("HTTPS", https.config().httpsPort(), "--https-port",
                        new ProxyInitializer(runtime, https.certificates(), https.tlsAlpnChallenges()));
            } catch (IllegalStateException e) {
                https.close();
                server.close().awaitUninterruptibly();
                server = null;
                throw e;
            }
            runtime.https().httpsPort(((InetSocketAddress) httpsServer.localAddress()).getPort());
            log.info("router listening for HTTPS on {}", httpsServer.localAddress());
        }
    }

    private Channel bind(String what, int port, String flag, ProxyInitializer initializer) {
        ChannelFuture bind = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress(config.bindAddress(), port))
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            Throwable cause = bind.cause();
            String reason = cause == null ? "bind failed" : cause.getMessage();
            if (reason != null && reason.contains("Address already in use")) {
                reason = "the port is already in use (choose another with " + flag + ")";
            }
            throw new IllegalStateException("cannot listen for " + what + " on " + config.bindAddress() + ":" + port
                    + ": " + reason, cause);
        }
        return bind.channel();
    }

    /** The port the HTTP listener is bound to (the real one when the configured port is 0). */
    public synchronized int httpPort() {
        if (server == null) {
            throw new IllegalStateException("router not started");
        }
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The port the HTTPS listener is bound to, or -1 when the router has none. */
    public synchronized int httpsPort() {
        if (server == null) {
            throw new IllegalStateException("router not started");
        }
        return httpsServer == null ? -1 : ((InetSocketAddress) httpsServer.localAddress()).getPort();
    }

    /** The HTTPS listener's certificates, for a reload on demand; null without HTTPS. */
    public HttpsListener https() {
        return https;
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
        if (httpsServer != null) {
            httpsServer.close().awaitUninterruptibly();
        }
        if (https != null) {
            https.close();
        }
        for (Channel ch : clients) {
            ch.eventLoop().execute(() -> {
                FrontendHandler frontend = ch.pipeline().get(FrontendHandler.class);
                if (frontend != null) {
                    frontend.drain();
                }
                StreamCounter streams = ch.pipeline().get(StreamCounter.class);
                if (streams != null) {
                    streams.drain(); // HTTP/2: GOAWAY, then close once the open streams are done
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
            StreamCounter streams = ch.pipeline().get(StreamCounter.class);
            if (streams != null && streams.openStreams() > 0) {
                return false;
            }
        }
        return true;
    }
}
