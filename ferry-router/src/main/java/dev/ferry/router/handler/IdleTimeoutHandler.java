package dev.ferry.router.handler;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection (client or backend) that neither read nor wrote anything for the idle timeout
 * ({@code RouterConfig.idleTimeout}, 55 s by default), including WebSocket relays and SSE streams.
 *
 * <p>Unlike Netty's {@code IdleStateHandler}, a write counts when it is made, not when it completes, so a write
 * with the void promise stays void (no promise and listener per message); and there is one check per connection,
 * re-armed for when the timeout can next pass, not a task per read or write. Time is the event loop's ticker.
 * Threading: the connection's event loop.
 */
public final class IdleTimeoutHandler extends ChannelDuplexHandler implements Runnable {

    private final long timeoutNanos;
    private ChannelHandlerContext ctx;
    private long lastActivityNanos;
    private ScheduledFuture<?> check;

    public IdleTimeoutHandler(Duration idleTimeout) {
        this.timeoutNanos = idleTimeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivityNanos = now();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivityNanos = now();
        ctx.write(msg, promise);
    }

    /** The check: closes the connection when the timeout passed since the last activity, else re-arms. */
    @Override
    public void run() {
        check = null;
        if (!ctx.channel().isOpen()) {
            return;
        }
        long idle = now() - lastActivityNanos;
        if (idle >= timeoutNanos) {
            ctx.close();
        } else {
            check = ctx.executor().schedule(this, timeoutNanos - idle, TimeUnit.NANOSECONDS);
        }
    }

    private void start() {
        if (check == null) {
            lastActivityNanos = now();
            check = ctx.executor().schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }
}
