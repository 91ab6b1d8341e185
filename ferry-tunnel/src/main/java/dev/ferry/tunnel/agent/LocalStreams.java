package dev.ferry.tunnel.agent;

import dev.ferry.tunnel.protocol.StreamRelay;
import dev.ferry.tunnel.protocol.TunnelHttp2;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * The agent's handler of the streams a gateway opens (gateway → agent → local app): each stream's opening
 * request makes a connection to the local port on the stream's own event loop; the stream is answered 200 and
 * relayed, or 502 when the port refused (the gateway turns that into {@code backend_refused}). Every
 * exchange is also watched by a {@link RequestLogObserver} that reports one line per request.
 */
@ChannelHandler.Sharable
final class LocalStreams extends ChannelInitializer<Channel> {

    private final AgentConfig config;
    private final AgentListener listener;
    private final Inspector inspector;

    LocalStreams(AgentConfig config, AgentListener listener, Inspector inspector) {
        this.config = config;
        this.listener = listener;
        this.inspector = inspector;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.config().setAutoRead(false);
        ch.pipeline().addLast("open", new Opener());
    }

    /** Waits for the opening request of one stream and dials the local port. */
    private final class Opener extends ChannelInboundHandlerAdapter {
        private boolean dialing;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean opening = msg instanceof Http2HeadersFrame;
            ReferenceCountUtil.release(msg);
            if (!opening || dialing) {
                return;
            }
            dialing = true;
            Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
            ChannelFuture connect = new Bootstrap()
                    .group(stream.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.localConnectTimeout().toMillis())
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(config.localHost(), config.localPort());
            connect.addListener(f -> {
                if (!stream.isActive()) {
                    connect.channel().close();
                    return;
                }
                if (!f.isSuccess()) {
                    stream.writeAndFlush(new DefaultHttp2HeadersFrame(TunnelHttp2.answer(TunnelHttp2.REFUSED), true));
                    listener.request(new RequestRecord("-", "(connection)", 502, 0));
                    return;
                }
                Channel local = connect.channel();
                stream.pipeline().remove(this);
                stream.writeAndFlush(new DefaultHttp2HeadersFrame(TunnelHttp2.answer(TunnelHttp2.OPENED), false));
                RequestLogObserver log = new RequestLogObserver(listener, inspector);
                local.closeFuture().addListener(c -> log.close());
                StreamRelay.join(stream, local, log::response, log::request);
            });
        }
    }
}
