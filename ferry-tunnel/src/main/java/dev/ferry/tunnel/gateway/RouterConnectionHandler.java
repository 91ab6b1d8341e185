package dev.ferry.tunnel.gateway;

import dev.ferry.tunnel.protocol.StreamRelay;
import dev.ferry.tunnel.protocol.TunnelHttp2;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A connection from the router to a tunnel's listener (router → gateway): opens one HTTP/2 stream to the
 * agent and, once the agent's local port accepted, relays the connection's bytes over it. When the local
 * port refused, the router gets a 502 {@code backend_refused} page made here, since the router itself reached
 * the gateway. Reads nothing from the router before the stream is open, so requests wait in the socket.
 */
@ChannelHandler.Sharable
final class RouterConnectionHandler extends ChannelInboundHandlerAdapter {

    /** How long the agent may take to answer a stream's opening (its local connect has its own 5 s limit). */
    static final int OPEN_TIMEOUT_SECONDS = 10;

    private final Channel agent;

    RouterConnectionHandler(Channel agent) {
        this.agent = agent;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel front = ctx.channel();
        ctx.pipeline().remove(this);
        if (!agent.isActive()) {
            front.close();
            return;
        }
        AgentActivity activity = agent.attr(AgentActivity.KEY).get();
        if (activity != null) {
            activity.relayed();
        }
        new Http2StreamChannelBootstrap(agent)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new StreamOpening(front))
                .open()
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        front.close();
                        return;
                    }
                    Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
                    stream.writeAndFlush(new DefaultHttp2HeadersFrame(TunnelHttp2.connectRequest(), false));
                    stream.read();
                    // An agent that does not answer (a dead link not yet noticed by the heartbeat) must not hold the
                    // router's connection until its first-byte timeout.
                    stream.eventLoop().schedule(() -> {
                        if (stream.isActive() && stream.pipeline().get(StreamOpening.class) != null) {
                            stream.close();
                            front.close();
                        }
                    }, OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    front.closeFuture().addListener(c -> {
                        if (stream.isActive() && stream.pipeline().get(StreamOpening.class) != null) {
                            stream.close();
                        }
                    });
                });
    }

    /** Waits for the agent's answer to the stream's opening request. */
    private static final class StreamOpening extends ChannelInboundHandlerAdapter {
        private final Channel front;

        StreamOpening(Channel front) {
            this.front = front;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Http2HeadersFrame headers)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
            ctx.pipeline().remove(this);
            if (!front.isActive()) {
                stream.close();
            } else if (TunnelHttp2.OPENED.contentEquals(headers.headers().status())) {
                StreamRelay.join(stream, front, null, null);
            } else {
                stream.close();
                front.writeAndFlush(Unpooled.copiedBuffer(REFUSED_PAGE, StandardCharsets.UTF_8))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            front.close();
            ctx.fireChannelInactive();
        }
    }

    private static final String REFUSED_BODY = "{\"error\":\"The app on the device refused the connection.\","
            + "\"code\":\"backend_refused\"}";

    /** What the router relays when the device's local port refused: 502 with Ferry's error header and body. */
    static final String REFUSED_PAGE = "HTTP/1.1 502 Bad Gateway\r\n"
            + "Content-Type: application/json\r\n"
            + "Ferry-Error: backend_refused\r\n"
            + "Cache-Control: no-store\r\n"
            + "Connection: close\r\n"
            + "Content-Length: " + REFUSED_BODY.length() + "\r\n\r\n" + REFUSED_BODY;
}
