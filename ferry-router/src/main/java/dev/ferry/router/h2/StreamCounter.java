package dev.ferry.router.h2;

import dev.ferry.router.handler.ConnectionSlot;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.ReferenceCountUtil;

/**
 * Last on an HTTP/2 connection's pipeline: counts its open streams, so that the connection's {@link ConnectionSlot}
 * is busy while a stream is open and idle (evictable at a connection cap) when none is; opens the connection's
 * receive window to {@link Http2Config#connectionWindowBytes()}; and drains on shutdown with a {@code GOAWAY}, so
 * that streams in flight finish and no new one starts. Connection-level frames that reach it are released.
 * Threading: the connection's event loop (its streams share it).
 */
public final class StreamCounter extends ChannelInboundHandlerAdapter {

    private final ConnectionSlot slot;
    private final int connectionWindowBytes;
    private ChannelHandlerContext ctx;
    private volatile int open; // written on the event loop, read by the shutdown
    private boolean draining;

    StreamCounter(ConnectionSlot slot, Http2Config config) {
        this.slot = slot;
        this.connectionWindowBytes = config.connectionWindowBytes();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        int more = connectionWindowBytes - Http2Config.PROTOCOL_WINDOW_BYTES;
        if (more > 0) {
            ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(more), ctx.voidPromise());
        }
    }

    /** A stream's channel opened on this connection; counted until it closes. */
    public void opened(Channel stream) {
        if (open++ == 0 && !slot.startRequest()) {
            ctx.close(); // evicted while idle to make room for another connection: it is closing
            return;
        }
        stream.closeFuture().addListener(f -> closed());
    }

    private void closed() {
        if (--open == 0) {
            slot.endRequest();
            if (draining) {
                ctx.close();
            }
        }
    }

    /** Streams open on this connection now. */
    public int openStreams() {
        return open;
    }

    /** Refuses new streams ({@code GOAWAY}) and closes the connection once the open ones are done. */
    public void drain() {
        if (draining) {
            return;
        }
        draining = true;
        ctx.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
        if (open == 0) {
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
