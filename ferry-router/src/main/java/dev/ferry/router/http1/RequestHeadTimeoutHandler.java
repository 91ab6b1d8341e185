package dev.ferry.router.http1;

import dev.ferry.router.error.ErrorPages;
import dev.ferry.router.error.ProxyError;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Client side, just after {@link ClientRequestReader}: answers 408 {@code request_timeout} and closes when a request
 * head is not complete within the request header timeout ({@code RouterConfig.requestHeaderTimeout}, 10 s by
 * default).
 *
 * <p>The clock starts when a connection opens, and on a kept-alive connection when the first bytes of the next
 * request arrive (a socket read that completed no head); it stops when a head is read. A kept-alive connection
 * waiting for its next request is left to the idle timeout, so a client reusing it never receives a 408 meant for
 * a request it has not sent. The exchange is over when the proxy asks for the next message after the whole
 * request was read. A head that arrives whole, the common case, costs no timer.
 */
public final class RequestHeadTimeoutHandler extends ChannelDuplexHandler {

    private enum State { READING_HEAD, IN_EXCHANGE, KEPT_ALIVE }

    private final long timeoutMillis;
    private State state = State.READING_HEAD;
    private boolean requestRead;
    private ScheduledFuture<?> timer;

    public RequestHeadTimeoutHandler(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ClientMessage.Head h) {
            disarm();
            state = State.IN_EXCHANGE;
            requestRead = h.refused() != null || h.head().body() == RequestHead.Body.NONE;
        } else if (msg instanceof ClientMessage.Body b && b.isLast()) {
            requestRead = true;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (state == State.IN_EXCHANGE && requestRead) {
            // the proxy asks for the next request only once the exchange is over
            state = State.KEPT_ALIVE;
        }
        ctx.read();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.KEPT_ALIVE) {
            // bytes arrived that are not yet a whole head: the next request has begun
            state = State.READING_HEAD;
            arm(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (ctx.channel().isActive() && state == State.READING_HEAD) {
            ctx.writeAndFlush(ErrorPages.encode(ctx.alloc(), ProxyError.REQUEST_TIMEOUT, null, true, null))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
