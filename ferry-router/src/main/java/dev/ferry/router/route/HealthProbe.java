package dev.ferry.router.route;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Consumer;

/**
 * One active health check on one connection: sends {@code GET path} with {@code Connection: close}, reads
 * the status line and reports {@code true} when the status is below 500. Any other outcome (refused,
 * reset, closed early, a line that is not HTTP) is a failure. Reports exactly once.
 */
final class HealthProbe extends ChannelInboundHandlerAdapter {

    /** "HTTP/1.1 200" is 12 bytes; that is all a probe reads. */
    private static final int STATUS_LINE_PREFIX = 12;

    private final String request;
    private final Consumer<Boolean> result;
    private final byte[] head = new byte[STATUS_LINE_PREFIX];
    private int headLength;
    private boolean reported;

    HealthProbe(String path, String hostHeader, Consumer<Boolean> result) {
        this.request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nUser-Agent: ferry-health-check\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ByteBuf buf = ByteBufUtil.writeAscii(ctx.alloc(), request);
        ctx.writeAndFlush(buf).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                report(ctx, false);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            int n = Math.min(buf.readableBytes(), STATUS_LINE_PREFIX - headLength);
            buf.readBytes(head, headLength, n);
            headLength += n;
        } finally {
            buf.release();
        }
        if (headLength == STATUS_LINE_PREFIX) {
            report(ctx, statusBelow500());
        }
    }

    private boolean statusBelow500() {
        if (head[0] != 'H' || head[1] != 'T' || head[2] != 'T' || head[3] != 'P' || head[4] != '/' || head[8] != ' ') {
            return false;
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            if (head[i] < '0' || head[i] > '9') {
                return false;
            }
            status = status * 10 + (head[i] - '0');
        }
        return status >= 100 && status < 500;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        report(ctx, false);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        report(ctx, false);
    }

    /** Called on the channel's event loop, also by the timeout. */
    void report(ChannelHandlerContext ctx, boolean success) {
        if (reported) {
            return;
        }
        reported = true;
        if (ctx != null) {
            ctx.close();
        }
        result.accept(success);
    }

    boolean reported() {
        return reported;
    }
}
