package dev.ferry.router.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Copies the bytes read on one channel to its peer: one side of a raw byte relay, used by TCP routes and
 * by upgraded HTTP connections (WebSockets). The client's side and the endpoint's side each have one.
 *
 * <p>Backpressure is read-after-write: both channels run with auto-read off and the next read is requested
 * only once the previous buffer was written to the peer, so a relay holds at most one buffer per
 * direction whatever the speed difference. A half-close (FIN) is passed on as a shutdown of the peer's
 * output after the bytes already queued; once both directions are shut, both channels close. An idle event
 * closes the relay. Both channels share one event loop, so no state here needs a lock.
 */
public final class ByteRelayHandler extends ChannelInboundHandlerAdapter {

    private final Channel peer;

    public ByteRelayHandler(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                ctx.channel().close();
                f.channel().close();
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // An empty write completes after every write queued before it: shut the output only then.
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess() || !(peer instanceof DuplexChannel duplexPeer)) {
                    closeBoth(ctx);
                    return;
                }
                duplexPeer.shutdownOutput().addListener((ChannelFutureListener) s -> {
                    if (!s.isSuccess() || bothShut(ctx.channel(), duplexPeer)) {
                        closeBoth(ctx);
                    }
                });
            });
        } else if (evt instanceof IdleStateEvent) {
            closeBoth(ctx);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private static boolean bothShut(Channel self, DuplexChannel peer) {
        return self instanceof DuplexChannel s && s.isInputShutdown() && s.isOutputShutdown()
                && peer.isInputShutdown() && peer.isOutputShutdown();
    }

    private void closeBoth(ChannelHandlerContext ctx) {
        ctx.channel().close();
        peer.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeBoth(ctx);
    }
}
