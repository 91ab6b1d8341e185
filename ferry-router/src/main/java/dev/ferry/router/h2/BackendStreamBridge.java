package dev.ferry.router.h2;

import dev.ferry.router.http1.BodyFramer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * First on the stream channel of an h2c backend (a route marked {@code protocol: h2c}): lets the proxy's HTTP/1.1
 * exchange run unchanged over HTTP/2. Outbound, the HTTP/1.1 request the proxy writes (a head the router's rules
 * made, then its body, chunked or sized) becomes HEADERS ({@code te: trailers} added, as gRPC servers expect) and
 * DATA frames; inbound, the backend's HEADERS, DATA and trailing HEADERS become a chunked HTTP/1.1 response whose
 * last chunk carries the trailer fields, which the router's own response reader takes and an HTTP/2 client gets back
 * as trailers. The response says {@code connection: close}, so the exchange never pools the stream: it closes, and
 * its pooled connection takes another ({@link H2cBackends}). A stream the backend refused (above its GOAWAY's
 * last-stream-id, or reset {@code REFUSED_STREAM}) before a response head fails with {@link StreamRefusedException}.
 * One instance per stream; threading: the backend's event loop.
 */
final class BackendStreamBridge extends ChannelDuplexHandler {

    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "te", "host", "http2-settings");
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final BodyFramer requestBody;
    private ByteBuf pendingHead;
    private boolean headSent;
    private boolean requestDone;
    private boolean responseHeadSeen;
    private boolean refused;

    BackendStreamBridge(int maxLineLength) {
        this.requestBody = new BodyFramer(maxLineLength);
    }

    // ---- request: HTTP/1.1 bytes from the proxy to frames

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.write(msg, promise);
            return;
        }
        if (requestDone) {
            bytes.release();
            promise.trySuccess();
            return;
        }
        ByteBuf in = bytes;
        if (!headSent) {
            in = pendingHead == null ? bytes : Unpooled.wrappedBuffer(pendingHead, bytes);
            pendingHead = null;
            int end = ByteBufUtil.indexOf(Unpooled.wrappedBuffer("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), in);
            if (end < 0) {
                pendingHead = in;
                promise.trySuccess();
                return;
            }
            String head = in.readCharSequence(end - in.readerIndex() + 4, StandardCharsets.ISO_8859_1).toString();
            headSent = true;
            writeHead(ctx, head);
        }
        try {
            while (!requestDone && in.isReadable()) {
                ByteBuf data = requestBody.nextPayload(in);
                if (requestBody.failure() != null) {
                    throw new IllegalStateException("the proxy wrote a malformed request body: " + requestBody.failure());
                }
                requestDone = requestBody.isDone();
                if (data == null && !requestDone) {
                    break;
                }
                ctx.write(new DefaultHttp2DataFrame(data == null ? Unpooled.EMPTY_BUFFER : data, requestDone),
                        ctx.voidPromise());
            }
        } finally {
            in.release();
        }
        promise.trySuccess();
    }

    private void writeHead(ChannelHandlerContext ctx, String text) {
        String[] lines = text.split("\r\n");
        String[] requestLine = lines[0].split(" ", 3);
        Http2Headers headers = new DefaultHttp2Headers().method(requestLine[0]).path(requestLine[1]).scheme("http");
        BodyFramer.Mode mode = BodyFramer.Mode.NONE;
        long length = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            if (name.equals("host")) {
                headers.authority(value);
            } else if (name.equals("transfer-encoding")) {
                mode = BodyFramer.Mode.CHUNKED;
            } else if (name.equals("content-length")) {
                length = Long.parseLong(value);
                mode = mode == BodyFramer.Mode.CHUNKED || length == 0 ? mode : BodyFramer.Mode.LENGTH;
            }
            if (!DROPPED.contains(name)) {
                headers.add(name, value);
            }
        }
        headers.set("te", "trailers");
        requestBody.reset(mode, length);
        requestDone = mode == BodyFramer.Mode.NONE;
        ctx.write(new DefaultHttp2HeadersFrame(headers, requestDone), ctx.voidPromise());
    }

    // ---- response: frames from the backend to HTTP/1.1 bytes

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case Http2HeadersFrame h when !responseHeadSeen -> head(ctx, h);
            case Http2HeadersFrame trailers -> ctx.fireChannelRead(lastChunk(trailers.headers()));
            case Http2DataFrame d -> data(ctx, d);
            default -> ReferenceCountUtil.release(msg);
        }
    }

    private void head(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
        CharSequence statusText = frame.headers().status();
        int status = statusText == null ? 502 : Integer.parseInt(statusText.toString());
        if (status < 200) {
            return; // 1xx: the router answers Expect itself and relays no hints
        }
        responseHeadSeen = true;
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(HttpResponseStatus.valueOf(status).reasonPhrase()).append("\r\n");
        appendFields(head, frame.headers());
        head.append(frame.isEndStream() ? "content-length: 0\r\n" : "transfer-encoding: chunked\r\n");
        head.append("connection: close\r\n\r\n");
        ctx.fireChannelRead(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1));
    }

    private void data(ChannelHandlerContext ctx, Http2DataFrame frame) {
        ByteBuf content = frame.content();
        int n = content.readableBytes();
        ByteBuf out = ctx.alloc().buffer(n + 16 + LAST_CHUNK.length);
        if (n > 0) {
            ByteBufUtil.writeAscii(out, Integer.toHexString(n));
            out.writeByte('\r').writeByte('\n').writeBytes(content).writeByte('\r').writeByte('\n');
        }
        content.release();
        if (frame.isEndStream()) {
            out.writeBytes(LAST_CHUNK);
        }
        ctx.fireChannelRead(out);
    }

    private static ByteBuf lastChunk(Http2Headers trailers) {
        StringBuilder text = new StringBuilder(64).append("0\r\n");
        appendFields(text, trailers);
        text.append("\r\n");
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static void appendFields(StringBuilder out, Http2Headers headers) {
        for (Map.Entry<CharSequence, CharSequence> field : headers) {
            String name = field.getKey().toString();
            if (!name.startsWith(":") && !DROPPED.contains(name) && !name.equals("content-length")) {
                out.append(name).append(": ").append(field.getValue()).append("\r\n");
            }
        }
    }

    // ---- refusals: the backend did not process the request

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2GoAwayFrame goAway) { // only streams above its last-stream-id get it
            goAway.release();
            refused(ctx, "above the last stream id of the backend's GOAWAY");
        } else if (evt instanceof Http2ResetFrame reset && reset.errorCode() == Http2Error.REFUSED_STREAM.code()) {
            refused(ctx, "reset REFUSED_STREAM by the backend");
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a stream opened just as a GOAWAY came cannot be created: Netty refuses it before any frame leaves
        if (cause instanceof Http2Exception h2 && h2.error() == Http2Error.REFUSED_STREAM && !responseHeadSeen) {
            refused(ctx, h2.getMessage());
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private void refused(ChannelHandlerContext ctx, String why) {
        if (!responseHeadSeen && !refused) {
            refused = true;
            ctx.fireExceptionCaught(new StreamRefusedException("stream " + why));
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pendingHead != null) {
            pendingHead.release();
            pendingHead = null;
        }
    }
}
