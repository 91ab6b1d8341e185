package dev.ferry.router.route;

import dev.ferry.core.health.HttpProbe;
import dev.ferry.core.health.HttpProbeAnswer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Consumer;

/**
 * One active health check on one connection, on the event loop: sends the platform's one
 * {@link HttpProbe#request} ({@code GET path}, {@code Connection: close}) and reports {@code true} as soon as
 * the status line says below 500. Any other outcome (refused, reset, closed early, a line that is not HTTP) is a
 * failure. Reports exactly once; closes the connection only once the whole answer is read (by
 * {@link HttpProbeAnswer}), so the app never writes into a closed connection, or at the checker's timeout.
 */
final class HealthProbe extends ChannelInboundHandlerAdapter {

    private final byte[] request;
    private final Consumer<Boolean> result;
    private final HttpProbeAnswer answer = new HttpProbeAnswer();
    private boolean reported;

    HealthProbe(String path, String hostHeader, Consumer<Boolean> result) {
        this.request = HttpProbe.request(path, hostHeader);
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                report(ctx, false);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        boolean complete;
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            complete = answer.read(bytes, 0, bytes.length);
        } finally {
            buf.release();
        }
        if (answer.statusKnown()) {
            int status = answer.status();
            report(null, status >= 100 && status < 500);
        }
        if (complete) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        report(ctx, false);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        report(ctx, false);
    }

    /**
     * Called on the channel's event loop, also by the timeout; a failure closes the connection ({@code ctx} may
     * be null when the connection never came).
     */
    void report(ChannelHandlerContext ctx, boolean success) {
        if (!success && ctx != null) {
            ctx.close();
        }
        if (reported) {
            return;
        }
        reported = true;
        result.accept(success);
    }

    boolean reported() {
        return reported;
    }
}
