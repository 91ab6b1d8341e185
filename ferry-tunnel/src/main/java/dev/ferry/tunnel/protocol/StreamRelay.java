package dev.ferry.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * Joins one HTTP/2 stream of a tunnel to one TCP connection, both ways: bytes read from the socket become
 * DATA frames, DATA frames become socket writes. Both channels read only on demand ({@code autoRead} off):
 * a side reads again only when the other side can take more, so a slow reader stops the writer through
 * HTTP/2's per-stream window (bytes not yet read are not acknowledged) or TCP's, and memory stays bounded
 * per stream whatever the body size. Either side closing ends the other after what was read is flushed.
 *
 * <p>Threading: both channels must be on the same event loop (the gateway and the agent arrange it), so the
 * handlers touch each other's channel without hand-offs.
 */
public final class StreamRelay {

    private StreamRelay() {
    }

    /**
     * Starts relaying between a stream whose opening HEADERS were already exchanged and an active socket.
     *
     * @param observer sees every buffer read from the socket (not retained), e.g. for a request log; may be null
     * @param reverse  sees every buffer read from the stream (not retained); may be null
     */
    public static void join(Http2StreamChannel stream, Channel socket, Consumer<ByteBuf> observer, Consumer<ByteBuf> reverse) {
        stream.config().setAutoRead(false);
        socket.config().setAutoRead(false);
        socket.pipeline().addLast("relay", new SocketToStream(stream, observer));
        stream.pipeline().addLast("relay", new StreamToSocket(socket, reverse));
        socket.read();
        stream.read();
    }

    /**
     * Ends our half of a stream with an empty DATA frame with END_STREAM. The peer ends its half when its socket
     * closes in turn, which closes the stream without a reset; a stream whose write fails is closed (reset).
     */
    static void end(Http2StreamChannel stream) {
        if (stream.isActive()) {
            stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true))
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    /** Socket → stream. */
    private static final class SocketToStream extends ChannelInboundHandlerAdapter {
        private final Http2StreamChannel stream;
        private final Consumer<ByteBuf> observer;

        SocketToStream(Http2StreamChannel stream, Consumer<ByteBuf> observer) {
            this.stream = stream;
            this.observer = observer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (observer != null) {
                observer.accept(buf);
            }
            if (stream.isActive()) {
                stream.write(new DefaultHttp2DataFrame(buf));
            } else {
                buf.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            stream.flush();
            if (stream.isWritable()) {
                ctx.read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                stream.read();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end(stream);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Stream → socket. */
    private static final class StreamToSocket extends ChannelInboundHandlerAdapter {
        private final Channel socket;
        private final Consumer<ByteBuf> observer;

        StreamToSocket(Channel socket, Consumer<ByteBuf> observer) {
            this.socket = socket;
            this.observer = observer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Http2DataFrame frame)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ByteBuf content = frame.content();
            if (observer != null && content.isReadable()) {
                observer.accept(content);
            }
            if (socket.isActive() && content.isReadable()) {
                socket.write(content);
            } else {
                frame.release();
            }
            if (frame.isEndStream()) {
                socket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            socket.flush();
            if (socket.isWritable()) {
                ctx.read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                socket.read();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (socket.isActive()) {
                socket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
