package dev.ferry.router.proxy;

import dev.ferry.router.RouterConfig;
import dev.ferry.router.handler.ClientHttpCodec;
import dev.ferry.router.handler.ConnectionSlot;
import dev.ferry.router.handler.ForwardedHeadersHandler;
import dev.ferry.router.handler.HeaderLimitHandler;
import dev.ferry.router.handler.HopByHopHandler;
import dev.ferry.router.handler.HostHandler;
import dev.ferry.router.handler.IdleTimeoutHandler;
import dev.ferry.router.handler.RequestHeaderTimeoutHandler;
import dev.ferry.router.handler.RequestIdHandler;
import dev.ferry.router.handler.RequestSmugglingGuard;
import dev.ferry.router.handler.TooManyConnectionsHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flow.FlowControlHandler;

/**
 * The whole request path on one screen: the pipeline of a client connection, in order, and the pipeline
 * of a backend connection. Client channels start with auto-read off; the proxy reads one message at a
 * time, which gives both backpressure and in-order pipelining. A request head refused by a check is
 * marked failed, not dropped: {@link Exchange} answers it with its error page and closes, and no backend
 * ever sees it. {@code Expect: 100-continue} is answered by the {@link Exchange} once the request is
 * accepted.
 */
public final class ProxyInitializer extends ChannelInitializer<Channel> {

    static final String IDLE = "idle";
    static final String HTTP = "http";
    static final String GUARD = "smuggling-guard";
    static final String HEADER_LIMITS = "header-limits";
    static final String HOST = "host";
    static final String FLOW = "flow";
    static final String KEEP_ALIVE = "keep-alive";
    static final String HEADER_TIMEOUT = "header-timeout";
    static final String HOP_BY_HOP = "hop-by-hop";
    static final String REQUEST_ID = "request-id";
    static final String FORWARDED = "forwarded";
    static final String PROXY = "proxy";
    static final String RELAY = "relay";
    static final String REFUSE = "too-many-connections";

    /** Body chunks handed on at a time; large enough that a 1 GiB body is few messages. */
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final ProxyRuntime runtime;

    public ProxyInitializer(ProxyRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void initChannel(Channel ch) {
        RouterConfig c = runtime.config();
        ch.config().setAutoRead(false);
        ChannelPipeline p = ch.pipeline();
        ConnectionSlot slot = runtime.connectionLimiter().tryOpen(ch);          // may evict an idle connection
        if (slot == null) {
            p.addLast(HTTP, new HttpResponseEncoder());
            p.addLast(REFUSE, new TooManyConnectionsHandler());            // 503 too_many_connections, close
            return;
        }
        runtime.clientChannels().add(ch);
        p.addLast(IDLE, new IdleTimeoutHandler(c.idleTimeout()));              // close after idleTimeout without traffic
        p.addLast(HTTP, new ClientHttpCodec(decoderConfig(c)));                 // bytes <-> HttpRequest/HttpContent; 400/414/431 causes, obs-fold
        p.addLast(GUARD, new RequestSmugglingGuard());                         // CL/TE framing, field and target characters; CONNECT/TRACE 405
        p.addLast(HEADER_LIMITS, new HeaderLimitHandler(c.maxHeaderCount(), c.maxHeaderLineLength())); // 431
        p.addLast(HOST, new HostHandler());                                    // one valid Host; absolute-form -> origin-form
        p.addLast(FLOW, new FlowControlHandler());                             // one message per read(): pipelined requests wait their turn
        p.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());               // Connection: close/keep-alive, closes after the last response
        p.addLast(HEADER_TIMEOUT, new RequestHeaderTimeoutHandler(c.requestHeaderTimeout())); // 408 when a head is late
        p.addLast(HOP_BY_HOP, new HopByHopHandler());                          // strip Connection, TE, Upgrade (unless upgrading)...
        p.addLast(REQUEST_ID, new RequestIdHandler());                         // keep or generate X-Request-Id, echo it
        p.addLast(FORWARDED, new ForwardedHeadersHandler(runtime.trustedProxies(), c.viaName())); // X-Forwarded-*, Forwarded, X-Real-IP, Via
        p.addLast(PROXY, new FrontendHandler(runtime, slot));                  // route lookup, pick, 100-continue, retries, relay
    }

    /** The initializer of every backend connection: idle timeout, HTTP client codec, {@link BackendHandler}. */
    public static ChannelHandler backendInitializer(RouterConfig c) {
        HttpDecoderConfig responses = new HttpDecoderConfig()
                .setMaxInitialLineLength(c.maxInitialLineLength())
                .setMaxHeaderSize(c.maxHeaderSize())
                .setMaxChunkSize(MAX_CHUNK_BYTES);
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                p.addLast(IDLE, new IdleTimeoutHandler(c.idleTimeout()));
                p.addLast(HTTP, new HttpClientCodec(responses.clone(), false, false));
                p.addLast(PROXY, new BackendHandler());
            }
        };
    }

    private static HttpDecoderConfig decoderConfig(RouterConfig c) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(c.maxInitialLineLength())
                .setMaxHeaderSize(c.maxHeaderSize())
                .setMaxChunkSize(MAX_CHUNK_BYTES);
    }
}
