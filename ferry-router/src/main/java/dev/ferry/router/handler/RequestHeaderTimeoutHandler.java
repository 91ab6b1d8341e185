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
 * the request header timeout ({@code RouterConfig.requestHeaderTimeout}, 10 s by default). The clock runs
 * from the connection's start, and again from the end of each response while the connection waits for
 * its next request; it stops when a request head has been decoded.
 */
public final class RequestHeaderTimeoutHandler extends ChannelDuplexHandler {

    private final long timeoutMillis;
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
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean informational = msg instanceof HttpResponse r && r.status().code() < 200;
        if (msg instanceof LastHttpContent && !informational) {
            promise = promise.unvoid();
            promise.addListener(f -> {
                if (f.isSuccess() && ctx.channel().isActive()) {
                    arm(ctx);
                }
            });
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
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(ErrorPages.render(ProxyError.REQUEST_TIMEOUT, null, true))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
