package dev.ferry.tunnel.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a tunnel connection alive and detects its death: on write silence it sends an HTTP/2 PING (the peer's
 * ACK is traffic for the peer's own idle check); on read silence it closes the connection, which makes the
 * gateway deregister the tunnel and the agent reconnect.
 */
final class Heartbeat extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                log.info("tunnel connection {} is silent; closing it as dead", ctx.channel().remoteAddress());
                ctx.close();
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                // Written from the channel's tail so that the HTTP/2 codec (after this handler) encodes it.
                ctx.channel().writeAndFlush(new DefaultHttp2PingFrame(System.nanoTime()));
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
