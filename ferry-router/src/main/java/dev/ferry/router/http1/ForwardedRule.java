package dev.ferry.router.http1;

import dev.ferry.router.error.RequestRefused;
import dev.ferry.router.handler.ForwardedElement;
import dev.ferry.router.handler.TrustedProxies;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * Tells the app about the client, as {@code ForwardedHeadersHandler} did on the old path:
 * {@code X-Forwarded-For} (the client appended; a client's own value kept only from a {@link TrustedProxies}
 * peer), {@code X-Forwarded-Proto/-Port/-Host} (a trusted proxy's values kept), {@code Forwarded}
 * ({@code for=<client>;proto=http|https;host=<Host>}, appended to a trusted proxy's elements), {@code X-Real-IP}
 * (the client, or behind trusted proxies the first untrusted hop), {@code X-Request-Start} (epoch
 * milliseconds) and {@code Via} ({@code 1.1 <viaName>} appended). Fields a client sent that are replaced are
 * dropped from the forwarded head, so no made-up address reaches the app.
 *
 * <p>One instance per connection: the peer never changes and the Host seldom does, so the client's text, its
 * {@code Forwarded} element and the port are worked out once per connection.
 */
final class ForwardedRule implements HeadRule {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_PORT = "X-Forwarded-Port";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_REQUEST_START = "X-Request-Start";
    static final String X_REAL_IP = "X-Real-IP";
    static final String FORWARDED = "Forwarded";
    static final String VIA = "Via";

    private final TrustedProxies trusted;
    private final InetAddress peer;
    private final String client;
    private final boolean fromTrusted;
    private final String port;
    private final String via10;
    private final String via11;
    private final String proto;
    private String elementHost;
    private String element;

    ForwardedRule(TrustedProxies trusted, String viaName, SocketAddress remote, SocketAddress local) {
        this(trusted, viaName, remote, local, false);
    }

    /** @param secure true on the HTTPS listener: {@code X-Forwarded-Proto: https} and {@code proto=https} */
    ForwardedRule(TrustedProxies trusted, String viaName, SocketAddress remote, SocketAddress local, boolean secure) {
        this.proto = secure ? "https" : "http";
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.peer = remote instanceof InetSocketAddress a ? a.getAddress() : null;
        this.client = peer == null ? "unknown" : peer.getHostAddress();
        this.fromTrusted = peer != null && trusted.contains(peer);
        this.port = local instanceof InetSocketAddress listener ? Integer.toString(listener.getPort()) : null;
        this.via10 = "1.0 " + viaName;
        this.via11 = "1.1 " + viaName;
    }

    @Override
    public RequestRefused apply(RequestHead head) {
        String host = hostText(head);
        if (element == null || !Objects.equals(host, elementHost)) {
            element = ForwardedElement.of(peer, client, host, proto);
            elementHost = host;
        }
        // untrusted peers (the common case) cost no join: what they sent is dropped and replaced
        String previous = fromTrusted ? joined(head, FieldName.X_FORWARDED_FOR) : dropAll(head, FieldName.X_FORWARDED_FOR);
        String chain = previous == null ? client : previous + ", " + client;
        head.added.add(X_FORWARDED_FOR, chain);
        dropAll(head, FieldName.X_REAL_IP);
        head.added.add(X_REAL_IP, previous == null ? client : trusted.firstUntrustedHop(chain));
        String elements = fromTrusted ? joined(head, FieldName.FORWARDED) : dropAll(head, FieldName.FORWARDED);
        head.added.add(FORWARDED, elements == null ? element : elements + ", " + element);
        replaceUnlessTrusted(head, FieldName.X_FORWARDED_PROTO, X_FORWARDED_PROTO, proto);
        if (port != null) {
            replaceUnlessTrusted(head, FieldName.X_FORWARDED_PORT, X_FORWARDED_PORT, port);
        }
        if (host != null) {
            replaceUnlessTrusted(head, FieldName.X_FORWARDED_HOST, X_FORWARDED_HOST, host);
        }
        dropAll(head, FieldName.X_REQUEST_START);
        head.added.add(X_REQUEST_START, System.currentTimeMillis());
        String via = head.isHttp11() ? via11 : via10;
        String vias = joined(head, FieldName.VIA);
        head.added.add(VIA, vias == null ? via : vias + ", " + via);
        return null;
    }

    /** The request's host, reusing the cached text while a connection keeps sending the same one. */
    private String hostText(RequestHead head) {
        if (head.hostStart < 0) {
            return null;
        }
        String cached = elementHost;
        int length = head.hostEnd - head.hostStart;
        if (cached != null && cached.length() == length) {
            boolean same = true;
            for (int i = 0; i < length && same; i++) {
                same = head.byteAt(head.hostStart + i) == cached.charAt(i);
            }
            if (same) {
                return cached;
            }
        }
        return head.host();
    }

    private void replaceUnlessTrusted(RequestHead head, FieldName name, String text, String value) {
        if (fromTrusted && head.first(name) >= 0) {
            return;
        }
        dropAll(head, name);
        head.added.add(text, value);
    }

    /** Drops every field called {@code name} and joins their values with commas; null when there is none. */
    private static String joined(RequestHead head, FieldName name) {
        String values = null;
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.name(i) == name) {
                head.drop(i);
                values = values == null ? head.valueText(i) : values + ", " + head.valueText(i);
            }
        }
        return values;
    }

    /** Drops every field called {@code name}; always null, so that an untrusted peer's values count as absent. */
    private static String dropAll(RequestHead head, FieldName name) {
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.name(i) == name) {
                head.drop(i);
            }
        }
        return null;
    }
}
