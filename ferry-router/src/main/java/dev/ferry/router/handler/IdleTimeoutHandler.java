package dev.ferry.router.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection (client or backend) that neither read nor wrote anything for the idle timeout
 * ({@code RouterConfig.idleTimeout}, 55 s by default), including WebSocket relays and SSE streams.
 */
public final class IdleTimeoutHandler extends IdleStateHandler {

    public IdleTimeoutHandler(Duration idleTimeout) {
        super(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        ctx.close();
    }
}
