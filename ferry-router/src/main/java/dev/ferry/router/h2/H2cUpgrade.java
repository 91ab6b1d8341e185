package dev.ferry.router.h2;

import dev.ferry.router.error.ErrorPages;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.handler.ConnectionSlot;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * h2c by {@code Upgrade: h2c} (RFC 7540 §3.2) on a cleartext connection's first request: Netty's
 * {@link HttpServerUpgradeHandler} checks {@code Connection: Upgrade, HTTP2-Settings} and the settings, answers
 * {@code 101}, and the request is served as stream 1 of the new HTTP/2 connection through the same proxy pipeline
 * as every other stream. The general-purpose HTTP/1.1 codec is used for this one request only. A request that asks
 * for h2c without what the upgrade needs is answered 400 {@code bad_request} and the connection closes; later
 * requests on an HTTP/1.1 connection are not upgraded (their {@code Upgrade} goes to the app like any other).
 */
final class H2cUpgrade {

    enum Asks { YES, NO, INCOMPLETE }

    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private H2cUpgrade() {
    }

    /** Whether the first request head in {@code in} has an {@code Upgrade} field naming {@code h2c}. */
    static Asks asks(ByteBuf in, int maxHeadBytes) {
        int start = in.readerIndex();
        int end = indexOf(in, start, Math.min(in.writerIndex(), start + maxHeadBytes + END_OF_HEAD.length));
        if (end < 0) {
            return in.readableBytes() > maxHeadBytes ? Asks.NO : Asks.INCOMPLETE;
        }
        String head = in.toString(start, end - start, StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("upgrade")) {
                for (String token : line.substring(colon + 1).split(",")) {
                    if (token.strip().equalsIgnoreCase("h2c")) {
                        return Asks.YES;
                    }
                }
            }
        }
        return Asks.NO;
    }

    private static int indexOf(ByteBuf in, int from, int to) {
        for (int i = from; i + END_OF_HEAD.length <= to; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Replaces the HTTP/1.1 handlers after {@code at} with the upgrade's. */
    static void install(ChannelHandlerContext at, Http2Connections h2, ConnectionSlot slot, int maxHeadBytes) {
        Http2Connections.removeAfter(at);
        ChannelPipeline p = at.pipeline();
        HttpServerCodec http1 = new HttpServerCodec(8192, maxHeadBytes, 8192);
        p.addLast("h2c-http1", http1);
        p.addLast("h2c-upgrade", new HttpServerUpgradeHandler(http1,
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(h2.frameCodec(), h2.multiplexer(), h2.counter(slot)) : null,
                maxHeadBytes));
        p.addLast("h2c-refused", new Refused());
    }

    /** Answers a request that asked for h2c but could not be upgraded. */
    private static final class Refused extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HttpObject)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            boolean request = msg instanceof HttpRequest;
            String accept = request ? ((HttpRequest) msg).headers().get("Accept") : null;
            ReferenceCountUtil.release(msg);
            if (request) {
                ctx.writeAndFlush(ErrorPages.render(ProxyError.BAD_REQUEST, accept, true))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
