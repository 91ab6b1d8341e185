package dev.ferry.router.tcp;

import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import dev.ferry.router.Transport;
import dev.ferry.router.relay.ByteRelayHandler;
import dev.ferry.router.route.LiveRoutes;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP routes of the data plane: one listener per TCP route port of the live table, relaying raw bytes
 * to an endpoint of the route's pool.
 *
 * <p>It follows the table: a route added at runtime gets a listener, a removed route's listener is closed
 * while the relays it accepted keep going. A port that cannot be bound is logged and tried again at the
 * next table change; the router never fails because of one port. Each connection goes through
 * {@link TcpFrontendHandler} (endpoint choice, connect, retries) and then two {@link ByteRelayHandler}s.
 * Defaults: see {@link TcpRouterConfig}.
 */
public final class TcpRouter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpRouter.class);

    private final LiveRoutes routes;
    private final TcpRouterConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final Map<Integer, Channel> listening = new ConcurrentHashMap<>();
    private final Set<Integer> binding = new HashSet<>();
    private final ChannelGroup relays;
    private final Consumer<RouteTable> tableListener = this::reconcile;
    private volatile boolean started;
    private volatile boolean closed;

    public TcpRouter(LiveRoutes routes, TcpRouterConfig config, Transport transport, EventLoopGroup group) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.group = Objects.requireNonNull(group, "group");
        this.relays = new DefaultChannelGroup("ferry-tcp-relays", GlobalEventExecutor.INSTANCE);
    }

    /** Binds the ports of the current table and follows its changes. Returns without waiting for binds. */
    public void start() {
        if (closed) {
            throw new IllegalStateException("TcpRouter is closed");
        }
        if (started) {
            return;
        }
        started = true;
        routes.addTableListener(tableListener);
        reconcile(routes.table());
    }

    /** The ports with a bound listener now. */
    public Set<Integer> listeningPorts() {
        return Set.copyOf(listening.keySet());
    }

    private synchronized void reconcile(RouteTable table) {
        if (closed) {
            return;
        }
        Set<Integer> wanted = new HashSet<>();
        for (TcpRoute route : table.tcpRoutes()) {
            wanted.add(route.port());
        }
        for (Integer port : wanted) {
            if (!listening.containsKey(port) && !binding.contains(port)) {
                bind(port);
            }
        }
        for (Map.Entry<Integer, Channel> e : listening.entrySet()) {
            if (!wanted.contains(e.getKey())) {
                listening.remove(e.getKey());
                e.getValue().close();
                log.info("TCP route {} removed; stopped listening (open connections continue)", e.getKey());
            }
        }
    }

    private void bind(int port) {
        binding.add(port);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        relays.add(ch);
                        ch.pipeline().addLast(
                                new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                                new TcpFrontendHandler(routes, port, config, transport));
                    }
                });
        bootstrap.bind(config.bindAddress(), port).addListener((ChannelFutureListener) f -> bound(port, f.channel(),
                f.isSuccess() ? null : f.cause()));
    }

    private synchronized void bound(int port, Channel server, Throwable failure) {
        binding.remove(port);
        if (failure != null) {
            log.warn("cannot listen on {}:{} for its TCP route ({}); will try again at the next route change",
                    config.bindAddress(), port, failure.getMessage());
            return;
        }
        if (closed || routes.table().tcpRoute(port) == null) {
            server.close();
            return;
        }
        listening.put(port, server);
        log.info("listening on {}:{} for TCP route {} ({})", config.bindAddress(), port, port, transport.describe());
    }

    /** Closes every listener and every open relay. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        routes.removeTableListener(tableListener);
        for (Channel server : listening.values()) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        listening.clear();
        relays.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
