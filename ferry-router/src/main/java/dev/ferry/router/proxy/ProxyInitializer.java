package dev.ferry.router.proxy;

import dev.ferry.router.RouterConfig;
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
import io.netty.util.Mapping;

/**
 * The whole request path on one screen: the pipeline of a client connection, in order, and the pipeline of a
 * backend connection. Client channels start with auto-read off; the proxy reads one message at a time, which
 * gives both backpressure and in-order pipelining. A request head is read in place and put through the rules
 * {@link RequestHeadRules} lists (method, target, framing, limits, Host, hop-by-hop, affinity cookie, request id,
 * forwarded fields); one they refuse is handed on marked refused, not dropped: {@link Exchange} answers it with
 * its error page and closes, and no backend ever sees it. {@code Expect: 100-continue} is answered by the
 * {@link Exchange} once the request is accepted; keep-alive, {@code Connection: close} and {@code HEAD}
 * responses are worked out from the two parsed heads ({@link ResponseRelay}).
 */
public final class ProxyInitializer extends ChannelInitializer<Channel> {

    static final String IDLE = "idle";
    static final String HTTP = "http";
    static final String HEADER_TIMEOUT = "header-timeout";
    static final String PROXY = "proxy";
    static final String RELAY = "relay";
    static final String REFUSE = "too-many-connections";
    static final String TLS = "tls";

    private final ProxyRuntime runtime;
    private final HeadLimits limits;
    private final ClientRequestReader.RuleFactory rules;
    private final String via;
    private final Mapping<String, SslContext> sni;
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
        p.addLast(HTTP, new ClientRequestReader(limits, rules));               // bytes -> checked heads, body slices; 400/405/414/431
        p.addLast(HEADER_TIMEOUT, new RequestHeadTimeoutHandler(c.requestHeaderTimeout())); // 408 when a head is late
        p.addLast(PROXY, new FrontendHandler(runtime, slot, via, sni != null));             // route, pick, 100-continue, 413, retries, relay
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
