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
 * as every other stream. The general-purpose HTTP/1.1 codec is used for this one request only, and only for a request
 * without a body (the JDK's client asks on every first request, a large upload included: that one stays on the
 * streaming HTTP/1.1 path rather than being held whole for the switch). A request that asks
 * for h2c without what the upgrade needs is answered 400 {@code bad_request} and the connection closes; later
 * requests on an HTTP/1.1 connection are not upgraded (their {@code Upgrade} goes to the app like any other).
 */
final class H2cUpgrade {

    enum Asks { YES, NO, INCOMPLETE }

    private H2cUpgrade() {
    }

    /**
     * Whether the first request head in {@code in} has an {@code Upgrade} field naming {@code h2c}. A head that
     * never mentions {@code h2c}, or has a line ended by LF alone, is HTTP/1.1's to read (and refuse) at once.
     */
    static Asks asks(ByteBuf in, int maxHeadBytes) {
        int start = in.readerIndex();
        int to = Math.min(in.writerIndex(), start + maxHeadBytes + 4);
        boolean mentioned = false;
        for (int i = start; i < to; i++) {
            byte b = in.getByte(i);
            if (b == '\n') {
                if (i == start || in.getByte(i - 1) != '\r') {
                    return Asks.NO;
                }
                if (i - start >= 3 && in.getByte(i - 2) == '\n') {
                    return mentioned ? upgradeField(in.toString(start, i - start, StandardCharsets.ISO_8859_1)) : Asks.NO;
                }
            } else if ((b == 'c' || b == 'C') && i - start >= 2 && (in.getByte(i - 1) == '2')
                    && (in.getByte(i - 2) == 'h' || in.getByte(i - 2) == 'H')) {
                mentioned = true;
            }
        }
        return in.readableBytes() > maxHeadBytes ? Asks.NO : Asks.INCOMPLETE;
    }

    /** YES for an {@code Upgrade: h2c} request without a body; one with a body stays HTTP/1.1, streamed as ever. */
    private static Asks upgradeField(String head) {
        boolean asks = false;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon) : "";
            String value = colon > 0 ? line.substring(colon + 1).strip() : "";
            if (name.equalsIgnoreCase("transfer-encoding") || name.equalsIgnoreCase("content-length") && !value.equals("0")) {
                return Asks.NO;
            }
            if (name.equalsIgnoreCase("upgrade")) {
                for (String token : value.split(",")) {
                    asks |= token.strip().equalsIgnoreCase("h2c");
                }
            }
        }
        return asks ? Asks.YES : Asks.NO;
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
