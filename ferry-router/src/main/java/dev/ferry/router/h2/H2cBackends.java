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
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;

/**
 * Connections to the backends of routes marked {@code protocol: h2c}: HTTP/2 with prior knowledge over TCP, one
 * connection and one stream per exchange. The stream's channel is what the proxy's exchange uses as its backend
 * connection: a {@link BackendStreamBridge} first, then the proxy's own backend handlers ({@code streamHandlers}:
 * idle timeout, response reader, backend handler), so retries, timeouts and error pages work as over HTTP/1.1.
 * Closing the stream closes its connection; losing the connection closes the stream. Not pooled: a new connection
 * per request costs a TCP and an HTTP/2 handshake, which gRPC's long-lived streams amortise.
 */
public final class H2cBackends {

    private final Transport transport;
    private final ChannelHandler streamHandlers;
    /** Longest chunk line taken from the proxy: a request body's framing was checked on its way in already. */
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final int connectTimeoutMillis;

    /** @param streamHandlers sets up the proxy's handlers on each stream's channel; must be sharable */
    public H2cBackends(Transport transport, ChannelHandler streamHandlers, Duration connectTimeout) {
        this.transport = transport;
        this.streamHandlers = streamHandlers;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    /** A new stream on a new h2c connection to {@code endpoint}, on {@code loop}. */
    public Future<Channel> open(Endpoint endpoint, EventLoop loop) {
        Promise<Channel> promise = loop.newPromise();
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build());
                        // a backend opens no streams of its own: any it tries gets an empty pipeline and closes
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect(endpoint.host(), endpoint.port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            Channel connection = connect.channel();
            new Http2StreamChannelBootstrap(connection).handler(new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline().addLast(new BackendStreamBridge(MAX_LINE_BYTES), streamHandlers);
                }
            }).open().addListener(s -> {
                if (!s.isSuccess()) {
                    connection.close();
                    promise.tryFailure(s.cause());
                    return;
                }
                Channel stream = (Channel) s.getNow();
                stream.closeFuture().addListener(c -> connection.close());
                if (!promise.trySuccess(stream)) {
                    stream.close();
                }
            });
        });
        return promise;
    }
}
