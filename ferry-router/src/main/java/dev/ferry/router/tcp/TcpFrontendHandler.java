package dev.ferry.router.tcp;

import dev.ferry.core.route.Endpoint;
import dev.ferry.router.Transport;
import dev.ferry.router.relay.ByteRelayHandler;
import dev.ferry.router.route.Pool;
import dev.ferry.router.route.RouteLookup;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client → router side of a TCP relay before it is established: picks an endpoint of the port's pool,
 * connects to it on the client's own event loop, and on a refused or timed-out connect reports the endpoint
 * to passive health and tries another (at most {@link TcpRouterConfig#maxRetries()} more). Once connected it
 * hands the client channel over to a {@link ByteRelayHandler} and starts reading both sides. The client sends
 * nothing through until then: its channel runs with auto-read off.
 */
final class TcpFrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TcpFrontendHandler.class);

    private final RouteLookup routes;
    private final int port;
    private final TcpRouterConfig config;
    private final Transport transport;
    private final Set<String> excluded = new HashSet<>(4);
    private int attempts;

    TcpFrontendHandler(RouteLookup routes, int port, TcpRouterConfig config, Transport transport) {
        this.routes = routes;
        this.port = port;
        this.config = config;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Pool pool = routes.tcp(port);
        if (pool == null) {
            log.debug("no TCP route on port {} any more; closing {}", port, ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        connect(ctx, pool);
    }

    private void connect(ChannelHandlerContext ctx, Pool pool) {
        Channel client = ctx.channel();
        if (!client.isActive()) {
            return;
        }
        Endpoint endpoint = pool.pick(null, excluded);
        if (endpoint == null) {
            log.debug("TCP route {}: no healthy endpoint for {}", port, client.remoteAddress());
            client.close();
            return;
        }
        attempts++;
        ChannelFuture connect = new Bootstrap()
                .group(client.eventLoop())
                .channel(transport.clientChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ByteRelayHandler(client))
                .connect(endpoint.host(), endpoint.port());
        connect.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                relay(ctx, pool, endpoint, f.channel());
            } else {
                pool.failed(endpoint, f.cause());
                excluded.add(endpoint.id());
                if (attempts <= config.maxRetries()) {
                    connect(ctx, pool);
                } else {
                    log.debug("TCP route {}: giving up after {} connect attempts: {}", port, attempts, f.cause().toString());
                    client.close();
                }
            }
        });
    }

    private void relay(ChannelHandlerContext ctx, Pool pool, Endpoint endpoint, Channel backend) {
        Channel client = ctx.channel();
        pool.started(endpoint);
        backend.closeFuture().addListener(f -> pool.finished(endpoint));
        if (!client.isActive()) {
            backend.close();
            return;
        }
        ctx.pipeline().replace(this, "relay", new ByteRelayHandler(backend));
        client.read();
        backend.read();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
