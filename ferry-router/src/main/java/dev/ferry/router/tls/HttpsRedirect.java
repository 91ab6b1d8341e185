package dev.ferry.router.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The router's own {@code 308 Permanent Redirect} to HTTPS for a host with {@code --force-https}: 308 keeps the
 * method and body, unlike 301. The body is empty; the client follows {@code Location}.
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
        ByteBuf out = alloc.buffer(head.length());
        out.writeCharSequence(head, StandardCharsets.ISO_8859_1);
        return out;
    }
}
