package dev.ferry.router.handler;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Removes the headers that belong to one connection only (RFC 9110 §7.6.1) from a message the proxy
 * forwards, in either direction: {@code Connection} and every header it names, {@code Keep-Alive},
 * {@code Proxy-Connection}, {@code TE}, {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade} and
 * {@code Proxy-Authorization}/{@code Proxy-Authenticate}.
 *
 * <p>Two exceptions keep the forwarded message well formed: a chunked message gets a fresh
 * {@code Transfer-Encoding: chunked} (the codec re-frames the body), and an upgrade keeps {@code Upgrade}
 * with {@code Connection: upgrade}. {@code Host} and {@code Content-Length} are never removed, even
 * when {@code Connection} names them.
 */
public final class HopByHopHeaders {

    private static final List<AsciiString> ALWAYS = List.of(AsciiString.cached("keep-alive"),
            AsciiString.cached("proxy-connection"), HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.PROXY_AUTHENTICATE);

    private HopByHopHeaders() {
    }

    /** True when the message asks to switch protocols ({@code Connection: upgrade} and an {@code Upgrade}). */
    public static boolean isUpgrade(HttpHeaders headers) {
        return headers.contains(HttpHeaderNames.UPGRADE)
                && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /**
     * Strips the hop-by-hop headers of {@code message} in place.
     *
     * @param keepUpgrade keep {@code Upgrade} (a WebSocket handshake or its 101 answer)
     */
    public static void strip(HttpMessage message, boolean keepUpgrade) {
        HttpHeaders headers = message.headers();
        boolean chunked = headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
        List<String> named = new ArrayList<>(2);
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    named.add(name);
                }
            }
        }
        for (String name : named) {
            if (!isProtected(name, keepUpgrade)) {
                headers.remove(name);
            }
        }
        headers.remove(HttpHeaderNames.CONNECTION);
        for (AsciiString name : ALWAYS) {
            headers.remove(name);
        }
        if (keepUpgrade && headers.contains(HttpHeaderNames.UPGRADE)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else {
            headers.remove(HttpHeaderNames.UPGRADE);
        }
        if (chunked) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
    }

    private static boolean isProtected(String name, boolean keepUpgrade) {
        return name.equals("host") || name.equals("content-length") || (keepUpgrade && name.equals("upgrade"));
    }
}
