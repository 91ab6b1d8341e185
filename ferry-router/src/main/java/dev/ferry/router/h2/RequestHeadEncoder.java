package dev.ferry.router.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Writes an HTTP/2 request's header list as the HTTP/1.1 request head the router's own reader takes, so that a
 * request over h2 meets exactly the rules, limits and routing of one over HTTP/1.1. {@code :authority} becomes
 * {@code Host} unless the client sent a {@code host} field too, which then wins (as in nginx, and as a client that
 * sets {@code Host} itself expects over HTTP/1.1); {@code cookie} fields are joined with
 * {@code "; "} (RFC 9113 §8.2.3), and a body without {@code content-length} is sent chunked. Connection-specific
 * fields ({@code connection}, {@code keep-alive}, {@code proxy-connection}, {@code transfer-encoding},
 * {@code upgrade}, {@code te}, {@code http2-settings}) are dropped: over h2 they are malformed, and a client's
 * {@code transfer-encoding} must never reach the HTTP/1.1 framing. Refused, with a reason: no {@code :method}
 * or {@code :path}, {@code CONNECT} (WebSocket over h2 is not offered), and a name or value with CR, LF or NUL.
 */
final class RequestHeadEncoder {

    private static final Set<AsciiString> DROPPED = Set.of(AsciiString.of("connection"), AsciiString.of("keep-alive"),
            AsciiString.of("proxy-connection"), AsciiString.of("transfer-encoding"), AsciiString.of("upgrade"),
            AsciiString.of("te"), AsciiString.of("http2-settings"));
    private static final AsciiString HOST = AsciiString.of("host");
    private static final AsciiString COOKIE = AsciiString.of("cookie");
    private static final AsciiString CONTENT_LENGTH = AsciiString.of("content-length");
    private static final byte[] CRLF = {'\r', '\n'};

    /** A head, or why the request is refused. */
    record Encoded(ByteBuf head, boolean chunked, String refusal) {
    }

    private RequestHeadEncoder() {
    }

    /**
     * @param bodyFollows the HEADERS frame did not end the stream
     */
    static Encoded encode(ByteBufAllocator alloc, Http2Headers headers, boolean bodyFollows) {
        CharSequence method = headers.method();
        CharSequence path = headers.path();
        // a client's own host field routes, as over HTTP/1.1 and as nginx does; else :authority is the Host
        CharSequence authority = headers.contains(HOST) ? null : headers.authority();
        if (method != null && AsciiString.contentEquals(method, "CONNECT")) {
            return refused("CONNECT is not served over HTTP/2");
        }
        if (method == null || path == null) {
            return refused("a request without :method or :path");
        }
        if (!clean(method) || !clean(path) || authority != null && !clean(authority)) {
            return refused("a control character in a pseudo-header");
        }
        boolean hasLength = false;
        StringBuilder cookies = null;
        ByteBuf out = alloc.buffer(256);
        write(out, method).writeByte(' ');
        write(out, path).writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        if (authority != null) {
            write(out.writeBytes("host: ".getBytes(StandardCharsets.US_ASCII)), authority).writeBytes(CRLF);
        }
        for (Map.Entry<CharSequence, CharSequence> field : headers) {
            CharSequence name = field.getKey();
            CharSequence value = field.getValue();
            if (name.length() == 0 || name.charAt(0) == ':') {
                continue;
            }
            AsciiString key = AsciiString.of(name);
            if (!clean(name) || !clean(value)) {
                out.release();
                return refused("a control character in the field " + name);
            }
            if (DROPPED.contains(key)) {
                continue;
            }
            if (COOKIE.contentEqualsIgnoreCase(key)) {
                cookies = cookies == null ? new StringBuilder(value) : cookies.append("; ").append(value);
                continue;
            }
            hasLength |= CONTENT_LENGTH.contentEqualsIgnoreCase(key);
            write(write(out, name).writeByte(':').writeByte(' '), value).writeBytes(CRLF);
        }
        if (cookies != null) {
            write(out.writeBytes("cookie: ".getBytes(StandardCharsets.US_ASCII)), cookies).writeBytes(CRLF);
        }
        boolean chunked = bodyFollows && !hasLength;
        if (chunked) {
            out.writeBytes("transfer-encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(CRLF);
        return new Encoded(out, chunked, null);
    }

    private static Encoded refused(String reason) {
        return new Encoded(null, false, reason);
    }

    private static ByteBuf write(ByteBuf out, CharSequence text) {
        out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        return out;
    }

    /** No CR, LF or NUL, which would split or end the HTTP/1.1 line (RFC 9113 §8.2.1). */
    private static boolean clean(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }
}
