package dev.ferry.router.handler;

import dev.ferry.router.error.ErrorPages;
import dev.ferry.router.error.ProxyError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline of a client connection over the {@link ConnectionLimiter}'s
 * caps: answers 503 {@code too_many_connections} at once, without reading a request, and closes. The output
 * is shut first and what the client still sends is read and dropped for up to two seconds, so that closing
 * with unread bytes does not reset the connection before the client has read the answer.
 */
public final class TooManyConnectionsHandler extends ChannelInboundHandlerAdapter {

    private static final long LINGER_MILLIS = 2000;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(true);
        ctx.writeAndFlush(ErrorPages.encode(ctx.alloc(), ProxyError.TOO_MANY_CONNECTIONS, null, true, null)).addListener(f -> {
            if (f.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                ctx.close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
