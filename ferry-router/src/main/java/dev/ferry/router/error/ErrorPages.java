package dev.ferry.router.error;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The one class that makes every response the router writes by itself: a small HTML page, or
 * {@code {"error":"<sentence>","code":"<code>"}} when the request's {@code Accept} header prefers
 * {@code application/json} over {@code text/html}. Every page carries {@code Ferry-Error: <code>},
 * {@code Content-Type}, {@code Content-Length}, {@code Cache-Control: no-store}, and
 * {@code Connection: close} when the connection must close after it; a 405 also carries {@code Allow}, a 503
 * {@code app_offline} {@code Retry-After}. The proxy writes them as bytes ({@link #encode}); so is the
 * {@code 100 Continue} the router answers {@code Expect} with ({@link #continueResponse}).
 */
public final class ErrorPages {

    /** The response header naming the error code. */
    public static final String FERRY_ERROR = "Ferry-Error";

    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(Unpooled.directBuffer(25)
            .writeBytes("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).asReadOnly();

    private ErrorPages() {
    }

    /** {@code HTTP/1.1 100 Continue} and its blank line, shared and never released. */
    public static ByteBuf continueResponse() {
        return CONTINUE.duplicate();
    }

    /** A page as bytes: the whole response, and how many of them are its body. */
    public record Encoded(ByteBuf bytes, int bodyBytes) {
    }

    /**
     * The page for {@code error} as the bytes of a whole HTTP/1.1 response.
     *
     * @param requestId the request's {@code X-Request-Id} to echo, or null when no request head was accepted
     */
    public static ByteBuf encode(ByteBufAllocator alloc, ProxyError error, String accept, boolean close, String requestId) {
        return encodePage(alloc, error, accept, close, requestId).bytes();
    }

    /** Like {@link #encode}, with the body's length for the access log. */
    public static Encoded encodePage(ByteBufAllocator alloc, ProxyError error, String accept, boolean close,
                                     String requestId) {
        FullHttpResponse page = render(error, accept, close);
        try {
            if (requestId != null) {
                page.headers().set("X-Request-Id", requestId);
            }
            StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(page.status().code()).append(' ')
                    .append(page.status().reasonPhrase()).append("\r\n");
            for (Map.Entry<String, String> field : page.headers()) {
                head.append(field.getKey()).append(": ").append(field.getValue()).append("\r\n");
            }
            head.append("\r\n");
            ByteBuf out = alloc.buffer(head.length() + page.content().readableBytes());
            out.writeCharSequence(head, StandardCharsets.ISO_8859_1);
            out.writeBytes(page.content(), page.content().readerIndex(), page.content().readableBytes());
            return new Encoded(out, page.content().readableBytes());
        } finally {
            page.release();
        }
    }

    /**
     * A complete response for {@code error}.
     *
     * @param accept the request's {@code Accept} header, or {@code null} (no request was read)
     * @param close  whether the connection closes after this response
     */
    public static FullHttpResponse render(ProxyError error, String accept, boolean close) {
        boolean json = prefersJson(accept);
        String body = json ? json(error) : html(error);
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(error.status()), content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, json ? "application/json" : "text/html; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set(FERRY_ERROR, error.code());
        if (error == ProxyError.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, ProxyError.ALLOWED_METHODS);
        }
        if (error == ProxyError.APP_OFFLINE) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, ProxyError.APP_OFFLINE_RETRY_AFTER_SECONDS);
        }
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /**
     * True when the media ranges of an {@code Accept} header give {@code application/json} a higher
     * quality than {@code text/html} (exact types win over {@code type/*}, which wins over {@code * /*}).
     */
    static boolean prefersJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double[] json = {-1, -1, -1};
        double[] html = {-1, -1, -1};
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            switch (type) {
                case "application/json" -> json[0] = Math.max(json[0], q);
                case "application/*" -> json[1] = Math.max(json[1], q);
                case "text/html" -> html[0] = Math.max(html[0], q);
                case "text/*" -> html[1] = Math.max(html[1], q);
                case "*/*" -> {
                    json[2] = Math.max(json[2], q);
                    html[2] = Math.max(html[2], q);
                }
                default -> {
                }
            }
        }
        return mostSpecific(json) > mostSpecific(html);
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("q=") || p.startsWith("Q=")) {
                try {
                    return Double.parseDouble(p.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static double mostSpecific(double[] q) {
        for (double v : q) {
            if (v >= 0) {
                return v;
            }
        }
        return 0;
    }

    private static String json(ProxyError error) {
        return "{\"error\":\"" + error.sentence() + "\",\"code\":\"" + error.code() + "\"}";
    }

    private static String html(ProxyError error) {
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + error.status() + " " + error.code()
                + "</title></head>\n<body><h1>" + error.sentence() + "</h1>\n<p>" + error.status() + " &middot; <code>"
                + error.code() + "</code> &middot; Ferry</p></body></html>\n";
    }
}
