package dev.ferry.router.h2;

import dev.ferry.router.error.ErrorPages;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.http1.HeadLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseCombiner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * First on each HTTP/2 stream's channel: lets the HTTP/1.1 proxy pipeline behind it serve the stream unchanged.
 * Inbound, the request's HEADERS become an HTTP/1.1 head ({@link RequestHeadEncoder}) and its DATA frames the body
 * (chunked when the client gave no length); outbound, the proxy's HTTP/1.1 response becomes HEADERS and DATA frames
 * ({@link ResponseFrameEncoder}). A request the encoder refuses is answered 400 here and the stream closes.
 *
 * <p>Flow control needs nothing of its own: the stream's channel reads a frame (and returns its bytes to the
 * client's window) only when the proxy asks for more of the body, and its writability follows the client's
 * window for the response, which the proxy already obeys by pausing the backend. A stream the client resets
 * closes its channel, which ends the exchange and closes its backend connection. A stream the proxy closes is reset
 * with the code that says why ({@link #close}); a backend lost before the response went through the proxy's retry
 * first, as for HTTP/1.1. One instance per stream.
 */
public final class StreamBridge extends ChannelDuplexHandler {

    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ResponseFrameEncoder response;
    private boolean headSeen;
    private boolean chunked;
    private boolean ended;
    private boolean requestEnded;

    public StreamBridge(HeadLimits limits) {
        this.response = new ResponseFrameEncoder(limits);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        requestEnded |= msg instanceof Http2StreamFrame f && endsStream(f);
        if (ended) {
            ReferenceCountUtil.release(msg);
            return;
        }
        switch (msg) {
            case Http2HeadersFrame h when !headSeen -> head(ctx, h);
            case Http2HeadersFrame trailers -> {
                // trailers of the request are not forwarded; only the end of the body counts
                if (trailers.isEndStream()) {
                    end(ctx);
                }
            }
            case Http2DataFrame d -> data(ctx, d);
            default -> ReferenceCountUtil.release(msg);
        }
    }

    private void head(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
        headSeen = true;
        boolean bodyFollows = !frame.isEndStream();
        RequestHeadEncoder.Encoded encoded = RequestHeadEncoder.encode(ctx.alloc(), frame.headers(), bodyFollows);
        if (encoded.refusal() != null) {
            ended = true;
            refuse(ctx, frame.headers().get("accept"));
            return;
        }
        chunked = encoded.chunked();
        ended = !bodyFollows;
        response.headRequest(frame.headers().method() != null && "HEAD".contentEquals(frame.headers().method()));
        ctx.fireChannelRead(encoded.head());
    }

    private void data(ChannelHandlerContext ctx, Http2DataFrame frame) {
        ByteBuf content = frame.content();
        int n = content.readableBytes();
        ByteBuf out;
        if (!chunked) {
            out = content;  // passed on as it came: the reader counts it against Content-Length
        } else if (n == 0) {
            content.release();
            out = null;
        } else {
            out = ctx.alloc().buffer(n + 16 + (frame.isEndStream() ? LAST_CHUNK.length : 0));
            ByteBufUtil.writeAscii(out, Integer.toHexString(n));
            out.writeByte('\r').writeByte('\n').writeBytes(content).writeByte('\r').writeByte('\n');
            content.release();
        }
        if (frame.isEndStream()) {
            ended = true;
            if (chunked) {
                out = out == null ? ctx.alloc().buffer(LAST_CHUNK.length) : out;
                out.writeBytes(LAST_CHUNK);
            }
        }
        if (out != null) {
            ctx.fireChannelRead(out);
        }
    }

    private void end(ChannelHandlerContext ctx) {
        ended = true;
        if (chunked) {
            ctx.fireChannelRead(ctx.alloc().buffer(LAST_CHUNK.length).writeBytes(LAST_CHUNK));
        }
    }

    private void refuse(ChannelHandlerContext ctx, CharSequence accept) {
        ErrorPages.Encoded page = ErrorPages.encodePage(ctx.alloc(), ProxyError.BAD_REQUEST,
                accept == null ? null : accept.toString(), true, null);
        write(ctx, page.bytes(), ctx.newPromise());
        ctx.flush();
        close(ctx, ctx.newPromise());
    }

    private static boolean endsStream(Http2StreamFrame frame) {
        return frame instanceof Http2HeadersFrame h && h.isEndStream() || frame instanceof Http2DataFrame d && d.isEndStream();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.write(msg, promise);
            return;
        }
        if (response.isDone()) {
            bytes.release();
            promise.setSuccess();
            return;
        }
        List<Http2StreamFrame> frames = new ArrayList<>(2);
        try {
            response.encode(bytes, frames);
        } catch (IllegalStateException e) {
            frames.forEach(ReferenceCountUtil::release);
            promise.setFailure(e);
            close(ctx, ctx.newPromise());
            return;
        }
        if (frames.isEmpty()) {
            promise.setSuccess();
        } else if (frames.size() == 1) {
            ctx.write(frames.getFirst(), promise);
        } else {
            PromiseCombiner all = new PromiseCombiner(ctx.executor());
            for (Http2StreamFrame frame : frames) {
                all.add(ctx.write(frame));
            }
            all.finish(promise);
        }
    }

    /**
     * The proxy closes a stream where it would close an HTTP/1.1 connection, and the client learns why (RFC 9113
     * §8.1): after a whole response, {@code RST_STREAM NO_ERROR} only stops a request body the proxy no longer wants;
     * before the response is whole, {@code INTERNAL_ERROR} says it broke off at the router. Netty's own reset on a
     * close would say {@code CANCEL}, which reads as a stream the client gave up. A stream whose request and
     * response both ended needs no reset.
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (ctx.channel().isActive() && !(requestEnded && response.isDone())) {
            ctx.write(new DefaultHttp2ResetFrame(response.isDone() ? Http2Error.NO_ERROR : Http2Error.INTERNAL_ERROR));
            ctx.flush();
        }
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        response.release();
    }
}
