package dev.ferry.router.proxy;

import dev.ferry.router.RouterConfig;
import dev.ferry.router.h2.Http2Connections;
import dev.ferry.router.h2.ProtocolDetector;
import dev.ferry.router.h2.StreamBridge;
import dev.ferry.router.h2.StreamCounter;
import dev.ferry.router.handler.ConnectionSlot;
import dev.ferry.router.handler.IdleTimeoutHandler;
import dev.ferry.router.handler.TooManyConnectionsHandler;
import dev.ferry.router.http1.BackendResponseReader;
import dev.ferry.router.http1.ClientRequestReader;
import dev.ferry.router.http1.HeadLimits;
import dev.ferry.router.http1.RequestHeadRules;
import dev.ferry.router.http1.RequestHeadTimeoutHandler;
import dev.ferry.router.tls.AcmeTlsAlpnSniHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.util.Mapping;

/**
 * The whole request path on one screen: the pipeline of a client connection, in order, and the pipeline of a
 * backend connection. Client channels start with auto-read off; the proxy reads one message at a time, which
 * gives both backpressure and in-order pipelining. A request head is read in place and put through the rules
 * {@link RequestHeadRules} lists (method, target, framing, limits, Host, hop-by-hop, affinity cookie, request id,
 * forwarded fields); one they refuse is handed on marked refused, not dropped: {@link Exchange} answers it with
 * its error page and closes, and no backend ever sees it. {@code Expect: 100-continue} is answered by the
 * {@link Exchange} once the request is accepted; keep-alive, {@code Connection: close} and {@code HEAD}
 * responses are worked out from the two parsed heads ({@link ResponseRelay}). A connection whose first bytes are
 * the HTTP/2 preface (or an {@code Upgrade: h2c} request, on HTTP) swaps the HTTP/1.1 handlers for HTTP/2 ones, and
 * each of its streams gets the pipeline of {@link #streamInitializer()}; other connections lose the detector after
 * their first bytes.
 */
public final class ProxyInitializer extends ChannelInitializer<Channel> {

    static final String IDLE = "idle";
    static final String HTTP = "http";
    static final String HEADER_TIMEOUT = "header-timeout";
    static final String PROXY = "proxy";
    static final String RELAY = "relay";
    static final String REFUSE = "too-many-connections";
    static final String TLS = "tls";
    static final String DETECT = "h2-detect";
    static final String BRIDGE = "h2-bridge";

    /** The head rules of an HTTP/2 connection, shared by its streams as a keep-alive connection's requests share them. */
    private static final AttributeKey<RequestHeadRules> STREAM_RULES = AttributeKey.valueOf("ferry.h2.rules");

    private final ProxyRuntime runtime;
    private final HeadLimits limits;
    private final ClientRequestReader.RuleFactory rules;
    private final String via;
    private final Mapping<String, SslContext> sni;
    private final Http2Connections h2;
    private final Mapping<String, SslContext> acmeTlsAlpn;

    /** The initializer of the HTTP listener's connections. */
    public ProxyInitializer(ProxyRuntime runtime) {
        this(runtime, null, host -> null);
    }

    /**
     * The initializer of the HTTPS listener's connections when {@code sni} is given: TLS first, then the same
     * pipeline as HTTP, with {@code X-Forwarded-Proto: https}.
     *
     * @param sni         the server context for each SNI name (the default one for no name), or null for plain HTTP
     * @param acmeTlsAlpn the ACME TLS-ALPN-01 challenge context of a host, for a ClientHello offering
     *                    {@code acme-tls/1}; null for none
     */
    public ProxyInitializer(ProxyRuntime runtime, Mapping<String, SslContext> sni,
                            Mapping<String, SslContext> acmeTlsAlpn) {
        RouterConfig c = runtime.config();
        this.runtime = runtime;
        this.sni = sni;
        this.acmeTlsAlpn = acmeTlsAlpn;
        this.limits = HeadLimits.of(c);
        boolean secure = sni != null;
        this.rules = ctx -> new RequestHeadRules(limits, runtime.trustedProxies(), c.viaName(), c.affinityCookieName(),
                ctx.channel().remoteAddress(), ctx.channel().localAddress(), secure);
        this.via = "1.1 " + c.viaName();
        boolean h2Here = secure || c.http2().cleartext();
        this.h2 = h2Here ? new Http2Connections(c.http2(), streamInitializer()) : null;
    }

    @Override
    protected void initChannel(Channel ch) {
        RouterConfig c = runtime.config();
        ch.config().setAutoRead(false);
        ChannelPipeline p = ch.pipeline();
        if (sni != null) {
            p.addLast(TLS, new AcmeTlsAlpnSniHandler(sni, acmeTlsAlpn));       // ClientHello's name (and acme-tls/1) -> context
        }
        ConnectionSlot slot = runtime.connectionLimiter().tryOpen(ch);          // may evict an idle connection
        if (slot == null) {
            p.addLast(REFUSE, new TooManyConnectionsHandler());                // 503 too_many_connections, close
            return;
        }
        runtime.clientChannels().add(ch);
        p.addLast(IDLE, new IdleTimeoutHandler(c.idleTimeout()));              // close after idleTimeout without traffic
        if (h2 != null) {                                                      // h2 preface or Upgrade: h2c -> HTTP/2, else leaves
            p.addLast(DETECT, new ProtocolDetector(h2, slot, sni == null, c.maxHeaderSize()));
        }
        p.addLast(HTTP, new ClientRequestReader(limits, rules));               // bytes -> checked heads, body slices; 400/405/414/431
        p.addLast(HEADER_TIMEOUT, new RequestHeadTimeoutHandler(c.requestHeaderTimeout())); // 408 when a head is late
        p.addLast(PROXY, new FrontendHandler(runtime, slot, via, sni != null));             // route, pick, 100-continue, 413, retries, relay
    }

    /**
     * The pipeline of each HTTP/2 stream: the frames become the HTTP/1.1 messages the same reader, rules and proxy
     * take, so every routing rule, policy, header rule, limit, log line and metric applies per stream. The
     * connection's pipeline is TLS (HTTPS only), the idle timeout, then Netty's HTTP/2 codec and multiplexer and a
     * {@link StreamCounter} ({@link Http2Connections}).
     */
    private ChannelHandler streamInitializer() {
        RouterConfig c = runtime.config();
        // streams run on their connection's event loop, one head at a time: one set of rules (and its caches) serves all
        ClientRequestReader.RuleFactory streamRules = ctx -> {
            Channel connection = ctx.channel().parent();
            RequestHeadRules shared = connection.attr(STREAM_RULES).get();
            if (shared == null) {
                shared = rules.rulesFor(ctx);
                connection.attr(STREAM_RULES).set(shared);
            }
            return shared;
        };
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.config().setAutoRead(false);                            // the proxy reads the body as the backend takes it
                StreamCounter counter = stream.parent().pipeline().get(StreamCounter.class);
                if (counter != null) {
                    counter.opened(stream);                                    // the connection is busy while a stream is open
                }
                ChannelPipeline p = stream.pipeline();
                p.addLast(BRIDGE, new StreamBridge(limits));                   // HEADERS/DATA <-> HTTP/1.1 head and body bytes; 400
                p.addLast(IDLE, new IdleTimeoutHandler(c.idleTimeout()));      // a stream without traffic is reset
                p.addLast(HTTP, new ClientRequestReader(limits, streamRules)); // the same reader and rules as HTTP/1.1
                p.addLast(PROXY, new FrontendHandler(runtime, ConnectionSlot.forStream(stream), via, sni != null));
            }
        };
    }

    /** The initializer of every backend connection: idle timeout, response reader, {@link BackendHandler}. */
    public static ChannelHandler backendInitializer(RouterConfig c) {
        HeadLimits limits = HeadLimits.of(c);
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                p.addLast(IDLE, new IdleTimeoutHandler(c.idleTimeout()));
                p.addLast(HTTP, new BackendResponseReader(limits));           // response heads in place, body slices
                p.addLast(PROXY, new BackendHandler());
            }
        };
    }
}
