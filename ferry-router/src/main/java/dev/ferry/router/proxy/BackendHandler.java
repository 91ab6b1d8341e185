package dev.ferry.router.proxy;

import dev.ferry.router.http1.BackendMessage;
import dev.ferry.router.http1.BackendResponseReader;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Origin to proxy: hands the messages {@link BackendResponseReader} reads on a backend connection to the
 * {@link Exchange} it serves. A pooled connection serves no exchange; anything it reads then is a protocol error
 * and closes it.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(BackendHandler.class);

    private BackendResponseReader reader;
    private Exchange exchange;

    /**
     * Gives the connection to {@code e}, whose request goes out next.
     *
     * @param headRequest the request is a {@code HEAD}: its response has no body
     * @param payloadOnly the client reads the body to the close, so a chunked body comes without its framing
     */
    static void attach(Channel ch, Exchange e, boolean headRequest, boolean payloadOnly) {
        BackendHandler handler = ch.pipeline().get(BackendHandler.class);
        handler.exchange = e;
        handler.reader.expect(headRequest, payloadOnly);
    }

    /** The connection serves no exchange any more (it goes back to the pool, or closes). */
    static void detach(Channel ch) {
        BackendHandler handler = ch.pipeline().get(BackendHandler.class);
        if (handler != null) {
            handler.exchange = null;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        reader = ctx.pipeline().get(BackendResponseReader.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        exchange.backendRead(ctx.channel(), msg);
        if (msg instanceof BackendMessage.Malformed) {
            ctx.close(); // the reader reads nothing more after a malformed message: the connection is done
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendWritabilityChanged(ctx.channel());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendFailed(ctx.channel(), null);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("backend connection {} failed", ctx.channel(), cause);
        if (exchange != null) {
            exchange.backendFailed(ctx.channel(), cause);
        }
        ctx.close();
    }
}
