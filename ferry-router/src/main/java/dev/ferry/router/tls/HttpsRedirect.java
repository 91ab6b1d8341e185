package dev.ferry.router.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The router's own answers made without a backend: the {@code 308 Permanent Redirect} to HTTPS for a host with
 * {@code --force-https} (308 keeps the method and body, unlike 301; the body is empty, the client follows
 * {@code Location}), and the {@code 200} with an ACME HTTP-01 challenge's key authorization ({@code text/plain}).
 */
public final class HttpsRedirect {

    private HttpsRedirect() {
    }

    /**
     * The whole response as bytes.
     *
     * @param location  where to go, from {@link HttpsPolicies#redirectLocation}
     * @param close     whether the connection closes after it
     * @param requestId the request's {@code X-Request-Id}, echoed
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String location, boolean close, String requestId) {
        String head = "HTTP/1.1 308 Permanent Redirect\r\n"
                + "Location: " + location + "\r\n"
                + "Content-Length: 0\r\n"
                + (requestId == null ? "" : "X-Request-Id: " + requestId + "\r\n")
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
        return ascii(alloc, head);
    }

    /** The whole {@code 200} answering an ACME challenge with its key authorization (ASCII: base64url and a dot). */
    public static ByteBuf challengeAnswer(ByteBufAllocator alloc, String keyAuthorization, boolean close,
                                          String requestId) {
        return ascii(alloc, "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + keyAuthorization.length() + "\r\n"
                + (requestId == null ? "" : "X-Request-Id: " + requestId + "\r\n")
                + (close ? "Connection: close\r\n" : "")
                + "\r\n" + keyAuthorization);
    }

    private static ByteBuf ascii(ByteBufAllocator alloc, String text) {
        ByteBuf out = alloc.buffer(text.length());
        out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        return out;
    }
}
