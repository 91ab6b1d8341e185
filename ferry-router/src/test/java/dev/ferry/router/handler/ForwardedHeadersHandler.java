package dev.ferry.router.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Client side, inbound: adds what the app needs to know about the client to each request:
 * <ul>
 *   <li>{@code X-Forwarded-For}: the client address appended; a value the client sent is kept only when
 *       the peer is one of the {@link TrustedProxies}, otherwise dropped;</li>
 *   <li>{@code X-Forwarded-Proto} ({@code http}), {@code X-Forwarded-Port} (the listener's port) and
 *       {@code X-Forwarded-Host} (the original {@code Host}); a trusted proxy's own values are kept;</li>
 *   <li>{@code Forwarded} (RFC 7239): {@code for=<client>;proto=http;host=<Host>}, an IPv6 client quoted and
 *       bracketed ({@code for="[::1]"}); a trusted proxy's elements are kept and this one appended, anyone
 *       else's are dropped;</li>
 *   <li>{@code X-Real-IP}: the client address, or behind trusted proxies the first hop of
 *       {@code X-Forwarded-For} that is not a trusted proxy ({@link TrustedProxies#firstUntrustedHop}); a
 *       value the client sent is always replaced;</li>
 *   <li>{@code X-Request-Start}: epoch milliseconds when the head arrived;</li>
 *   <li>{@code Via}: {@code <version> <viaName>} appended, e.g. {@code 1.1 ferry}.</li>
 * </ul>
 */
public final class ForwardedHeadersHandler extends ChannelInboundHandlerAdapter {

    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    public static final String X_FORWARDED_PORT = "X-Forwarded-Port";
    public static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    public static final String X_REQUEST_START = "X-Request-Start";
    public static final String X_REAL_IP = "X-Real-IP";
    public static final String FORWARDED = "Forwarded";

    private final TrustedProxies trusted;
    private final String viaName;
    // one handler per connection, used on its event loop: the peer never changes and the Host seldom does, so
    // a keep-alive connection works out the client's text and its Forwarded element once
    private String client;
    private boolean fromTrusted;
    private String elementHost;
    private String element;

    public ForwardedHeadersHandler(TrustedProxies trusted, String viaName) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.viaName = Objects.requireNonNull(viaName, "viaName");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            apply(request, ctx.channel().remoteAddress(), ctx.channel().localAddress());
        }
        ctx.fireChannelRead(msg);
    }

    private void apply(HttpRequest request, SocketAddress remote, SocketAddress local) {
        HttpHeaders h = request.headers();
        InetAddress peer = remote instanceof InetSocketAddress a ? a.getAddress() : null;
        if (client == null) {
            fromTrusted = peer != null && trusted.contains(peer);
            client = peer == null ? "unknown" : peer.getHostAddress();
        }
        String host = h.get(HttpHeaderNames.HOST);
        if (element == null || !Objects.equals(host, elementHost)) {
            element = ForwardedElement.of(peer, client, host);
            elementHost = host;
        }

        // untrusted peers (the common case) cost no list and no join: their values are simply replaced
        List<String> previous = fromTrusted ? h.getAll(X_FORWARDED_FOR) : List.of();
        String chain = previous.isEmpty() ? client : String.join(", ", previous) + ", " + client;
        h.set(X_FORWARDED_FOR, chain);
        h.set(X_REAL_IP, previous.isEmpty() ? client : trusted.firstUntrustedHop(chain));
        List<String> elements = fromTrusted ? h.getAll(FORWARDED) : List.of();
        h.set(FORWARDED, elements.isEmpty() ? element : String.join(", ", elements) + ", " + element);
        setUnlessTrusted(h, fromTrusted, X_FORWARDED_PROTO, "http");
        if (local instanceof InetSocketAddress listener) {
            setUnlessTrusted(h, fromTrusted, X_FORWARDED_PORT, Integer.toString(listener.getPort()));
        }
        if (host != null) {
            setUnlessTrusted(h, fromTrusted, X_FORWARDED_HOST, host);
        }
        h.set(X_REQUEST_START, Long.toString(System.currentTimeMillis()));
        String via = request.protocolVersion().majorVersion() + "." + request.protocolVersion().minorVersion()
                + " " + viaName;
        List<String> vias = h.getAll(HttpHeaderNames.VIA);
        h.set(HttpHeaderNames.VIA, vias.isEmpty() ? via : String.join(", ", vias) + ", " + via);
    }

    private static void setUnlessTrusted(HttpHeaders h, boolean fromTrusted, String name, String value) {
        if (!fromTrusted || !h.contains(name)) {
            h.set(name, value);
        }
    }
}
