package dev.ferry.router.h2;

import dev.ferry.core.route.Endpoint;
import dev.ferry.router.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pooled, multiplexed connections to the backends of routes marked {@code protocol: h2c}: HTTP/2 with prior knowledge
 * over TCP. Per event loop and endpoint ({@link H2cTarget}), a connection is opened on first use and shared by the
 * streams of concurrent exchanges up to the backend's {@code SETTINGS_MAX_CONCURRENT_STREAMS}, capped at
 * {@link #MAX_STREAMS_PER_CONNECTION} (100); beyond it another connection opens. A connection with no stream
 * closes after {@code idleTime} (the keep-alive pool's, default 50 s); one that got a GOAWAY takes no new stream and
 * closes when its streams end; a dead one leaves the pool, and its streams end as a lost backend connection does.
 *
 * <p>Each exchange gets a stream whose channel it uses as its backend connection: a {@link BackendStreamBridge} first,
 * then the proxy's own backend handlers ({@code streamHandlers}: idle timeout, response reader, backend handler), so
 * retries, timeouts and error pages work as over HTTP/1.1. A stream the backend refused (above a GOAWAY's
 * last-stream-id, or reset {@code REFUSED_STREAM}) fails with {@link StreamRefusedException}. Threading: a target is
 * touched only on its event loop.
 */
public final class H2cBackends implements AutoCloseable {

    /** Streams one connection carries at most, whatever the backend allows (RFC 9113 advises at least 100). */
    public static final int MAX_STREAMS_PER_CONNECTION = 100;
    /** Longest chunk line taken from the proxy: a request body's framing was checked on its way in already. */
    private static final int MAX_LINE_BYTES = 64 * 1024;

    static final AttributeKey<Boolean> ON_USED_CONNECTION = AttributeKey.valueOf("ferry.h2c.onUsedConnection");

    private final Transport transport;
    private final ChannelHandler streamInitializer;
    private final int connectTimeoutMillis;
    private final long idleTimeMillis;
    private final ConcurrentHashMap<EventExecutor, Map<String, H2cTarget>> targets = new ConcurrentHashMap<>();
    private final ChannelGroup all = new DefaultChannelGroup("ferry-h2c-backends", GlobalEventExecutor.INSTANCE);

    /**
     * @param streamHandlers sets up the proxy's handlers on each stream's channel; must be sharable
     * @param connectTimeout for the TCP handshake, and again for the backend's first SETTINGS
     * @param idleTime       how long a connection without a stream stays open
     */
    public H2cBackends(Transport transport, ChannelHandler streamHandlers, Duration connectTimeout, Duration idleTime) {
        this.transport = transport;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.idleTimeMillis = idleTime.toMillis();
        this.streamInitializer = new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new BackendStreamBridge(MAX_LINE_BYTES), streamHandlers);
            }
        };
    }

    /** A new stream to {@code endpoint}, on a pooled connection of {@code loop}; call on {@code loop}. */
    public Future<Channel> open(Endpoint endpoint, EventLoop loop) {
        Promise<Channel> promise = loop.newPromise();
        targets.computeIfAbsent(loop, l -> new HashMap<>())
                .computeIfAbsent(endpoint.id(), id -> new H2cTarget(this, endpoint, loop))
                .acquire(promise);
        return promise;
    }

    /**
     * True when {@code stream} went on a connection that had finished streams before: one that dies before answering
     * may have been closed by the backend meanwhile, as a pooled HTTP/1.1 connection may, and is retried the same way.
     */
    public static boolean onUsedConnection(Channel stream) {
        return Boolean.TRUE.equals(stream.attr(ON_USED_CONNECTION).get());
    }

    H2cConnection connect(H2cTarget target) {
        H2cConnection.FrameWatcher watcher = new H2cConnection.FrameWatcher();
        ChannelFuture connect = new Bootstrap()
                .group(target.loop)
                .channel(transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build());
                        // before the streams hear of a GOAWAY, so that none retries on this connection
                        ch.pipeline().addLast(watcher);
                        // a backend opens no streams of its own: any it tries gets an empty pipeline and closes
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect(target.endpoint.host(), target.endpoint.port());
        // no frame can arrive before this runs: the connect completes on this same loop, later
        H2cConnection c = new H2cConnection(connect.channel(), target, watcher);
        all.add(c.channel);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                target.connectFailed(c, f.cause());
            }
        });
        return c;
    }

    void forgetIfUnused(H2cTarget target) {
        Map<String, H2cTarget> ofLoop = targets.get(target.loop);
        if (ofLoop != null && target.unused()) {
            ofLoop.remove(target.endpoint.id(), target); // endpoints come and go with deploys
        }
    }

    ChannelHandler streamInitializer() {
        return streamInitializer;
    }

    int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    long idleTimeMillis() {
        return idleTimeMillis;
    }

    int maxStreamsPerConnection() {
        return MAX_STREAMS_PER_CONNECTION;
    }

    /** Closes every h2c backend connection, with its streams. */
    @Override
    public void close() {
        all.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
