package dev.ferry.router.handler;

import dev.ferry.router.error.ErrorPages;
import dev.ferry.router.error.ProxyError;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Client side: answers 408 {@code request_timeout} and closes when a request head is not complete within
 * the request header timeout ({@code RouterConfig.requestHeaderTimeout}, 10 s by default).
 *
 * <p>The clock starts when a connection opens, and on a kept-alive connection when the first bytes of the
 * next request arrive (a socket read that completed no message); it stops when the head is decoded. A
 * kept-alive connection waiting for its next request is left to the idle timeout, so a client reusing it
 * never receives a 408 meant for a request it has not sent. Placed after the HTTP codec and the flow
 * control handler.
 */
public final class RequestHeaderTimeoutHandler extends ChannelDuplexHandler {

    private enum State { READING_HEAD, IN_EXCHANGE, KEPT_ALIVE }

    private final long timeoutMillis;
    private State state = State.READING_HEAD;
    private ScheduledFuture<?> timer;

    public RequestHeaderTimeoutHandler(Duration timeout) {
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
        if (msg instanceof HttpRequest) {
            disarm();
            state = State.IN_EXCHANGE;
        }
        ctx.fireChannelRead(msg);
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

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean informational = msg instanceof HttpResponse r && r.status().code() < 200;
        if (msg instanceof LastHttpContent && !informational && state == State.IN_EXCHANGE) {
            state = State.KEPT_ALIVE;
        }
        ctx.write(msg, promise);
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
            ctx.writeAndFlush(ErrorPages.render(ProxyError.REQUEST_TIMEOUT, null, true))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
