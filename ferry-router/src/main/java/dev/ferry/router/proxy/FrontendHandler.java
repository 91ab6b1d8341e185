package dev.ferry.router.proxy;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HostName;
import dev.ferry.router.handler.ConnectionSlot;
import dev.ferry.router.http1.AddedFields;
import dev.ferry.router.http1.ClientMessage;
import dev.ferry.router.http1.ClientRequestReader;
import dev.ferry.router.http1.RequestHead;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client to proxy: takes the {@link ClientMessage}s of {@link ClientRequestReader}, one per {@link #read()}
 * (auto-read is off), and gives each request head to a new {@link Exchange}; the next request is read only when
 * the exchange is done, so pipelined requests are answered in order. Body slices go to the current exchange,
 * which asks for more when the backend can take them. The connection's {@link ConnectionSlot} is busy from each
 * request head to the end of its exchange, and idle (evictable at a connection cap) in between. What every
 * exchange of the connection shares lives here: the response deadline, the routed host of the last request, the
 * fields added to responses. Runs on the client's event loop.
 */
public final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);

    private final ProxyRuntime runtime;
    private final ConnectionSlot slot;
    private final String via;
    private final boolean secure;
    private final AddedFields responseFields = new AddedFields();
    private final RetryPolicy retryPolicy;
    private final ExchangeRecord exchangeRecord = new ExchangeRecord();
    private ChannelHandlerContext ctx;
    private ClientRequestReader reader;
    private Exchange exchange;
    private boolean draining;
    private ResponseDeadline responseDeadline;
    private String hostSent;
    private String hostRouted;
    private Endpoint authorityFor;
    private String authority;

    /**
     * @param via    the router's own {@code Via} element on responses, e.g. {@code 1.1 ferry}
     * @param secure true on the HTTPS listener
     */
    FrontendHandler(ProxyRuntime runtime, ConnectionSlot slot, String via, boolean secure) {
        this.runtime = runtime;
        this.slot = slot;
        this.via = via;
        this.secure = secure;
        this.retryPolicy = new RetryPolicy(runtime.config().maxRetries());
    }

    /** True on a connection of the HTTPS listener. */
    boolean isSecure() {
        return secure;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.reader = ctx.pipeline().get(ClientRequestReader.class);
        this.responseDeadline = new ResponseDeadline(ctx.executor()::schedule, System::nanoTime,
                runtime.config().responseTimeout(), this::responseDeadlinePassed);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // the connection closed, or became a relay after an upgrade: no response is awaited any more
        responseDeadline.close();
    }

    /** The connection's one response deadline, armed by each exchange while it waits for its backend. */
    ResponseDeadline responseDeadline() {
        return responseDeadline;
    }

    /** The connection's retry policy, reset for a new exchange: an exchange at a time uses it. */
    RetryPolicy retryPolicy() {
        return retryPolicy.reset();
    }

    /** The connection's exchange record, reset for a new exchange: an exchange at a time uses it. */
    ExchangeRecord exchangeRecord() {
        return exchangeRecord.reset();
    }

    /** The router's {@code Via} element. */
    String via() {
        return via;
    }

    /** The connection's list of fields added to a response head, emptied for each use. */
    AddedFields responseFields() {
        responseFields.clear();
        return responseFields;
    }

    /** Body bytes of the current request read so far, without chunk framing. */
    long requestBodyBytes() {
        return reader.bodyBytes();
    }

    boolean isDraining() {
        return draining;
    }

    /**
     * The host {@code head} is routed by, normalised; null when it has none. A connection mostly sends one Host,
     * so the last one's normalised text is kept and reused without allocating.
     */
    String routedHost(RequestHead head) {
        if (hostSent == null || !head.hostIs(hostSent)) {
            hostSent = head.host();
            hostRouted = HostName.normalizeHostHeader(hostSent);
        }
        return hostRouted;
    }

    /**
     * {@code endpoint}'s {@code host:port} for the access log, or null for none. A connection mostly reaches one
     * endpoint, so the last one's text is kept and reused without allocating.
     */
    String authorityOf(Endpoint endpoint) {
        if (endpoint != null && endpoint != authorityFor) {
            authorityFor = endpoint;
            authority = endpoint.authority();
        }
        return endpoint == null ? null : authority;
    }

    private void responseDeadlinePassed() {
        if (exchange != null) {
            exchange.responseTimedOut();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        read();
        ctx.fireChannelActive();
    }

    /** Asks for the next message from the client: exactly one arrives, however many socket reads it takes. */
    void read() {
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case ClientMessage.Head h -> {
                if (exchange != null || !slot.startRequest()) {
                    // the first cannot happen (the next request is read only once the exchange is done); the
                    // second is a connection evicted while idle to make room for another: it is closing
                    h.head().release();
                    ctx.close();
                    return;
                }
                exchange = new Exchange(runtime, ctx, this, h);
                exchange.start();
            }
            case ClientMessage.Body b -> {
                if (exchange != null) {
                    exchange.requestBody(b);
                } else {
                    b.release(); // the rest of a request already answered: the connection is closing
                }
            }
            case ClientMessage.BodyFault f -> {
                if (exchange != null) {
                    exchange.requestBodyBroken();
                } else {
                    ctx.close();
                }
            }
            default -> ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection {} failed", ctx.channel(), cause);
        ctx.close();
    }

    /**
     * Stops taking requests on this connection: closes it now when no request is in flight, else after the
     * current response. Called on the event loop by the router's shutdown.
     */
    public void drain() {
        draining = true;
        if (exchange == null) {
            ctx.close();
        }
    }

    /** The exchange is over; read the next request unless the connection must close. */
    void exchangeDone(Exchange done, boolean close) {
        if (exchange != done) {
            return;
        }
        exchange = null;
        if (close || draining || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        slot.endRequest();
        read();
    }

    /** The exchange became a raw relay; this handler is leaving the pipeline. */
    void exchangeUpgraded(Exchange upgraded) {
        if (exchange == upgraded) {
            exchange = null;
        }
    }
}
