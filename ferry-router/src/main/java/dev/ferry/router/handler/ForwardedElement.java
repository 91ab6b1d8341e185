package dev.ferry.router.handler;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Writes the router's own element of a {@code Forwarded} header (RFC 7239 §4):
 * {@code for=10.1.2.3;proto=http;host=app.localhost}. An IPv6 client is bracketed and quoted
 * ({@code for="[2001:db8::1]"}), an unknown one is {@code for=unknown}, and a host that is not a token (a port,
 * an IPv6 literal) is quoted ({@code host="app.localhost:8080"}). The host has passed {@code HostRule}, so it
 * holds no quote or backslash to escape.
 */
public final class ForwardedElement {

    private static final String TOKEN_PUNCTUATION = "!#$%&'*+-.^_`|~";

    private ForwardedElement() {
    }

    /**
     * @param address the client's address, or null when unknown
     * @param text    the same address as text ({@link InetAddress#getHostAddress()})
     * @param host    the request's {@code Host}, or null
     */
    public static String of(InetAddress address, String text, String host) {
        return of(address, text, host, "http");
    }

    /** As {@link #of(InetAddress, String, String)}, with the scheme the client used ({@code http} or {@code https}). */
    public static String of(InetAddress address, String text, String host, String proto) {
        StringBuilder b = new StringBuilder(64).append("for=");
        if (address == null) {
            b.append("unknown");
        } else if (address instanceof Inet6Address) {
            int zone = text.indexOf('%');
            b.append("\"[").append(text, 0, zone < 0 ? text.length() : zone).append("]\"");
        } else {
            b.append(text);
        }
        b.append(";proto=").append(proto);
        if (host != null && !host.isEmpty()) {
            b.append(";host=");
            if (isToken(host)) {
                b.append(host);
            } else {
                b.append('"').append(host).append('"');
            }
        }
        return b.toString();
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && TOKEN_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
