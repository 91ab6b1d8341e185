package dev.ferry.router.proxy;

import dev.ferry.router.handler.ConnectionSlot;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client to proxy: reads one message at a time (auto-read is off) and gives each request to a new
 * {@link Exchange}; the next request is read only when the exchange is done, so pipelined requests are
 * answered in order. Body chunks go to the current exchange, which asks for more when the backend can
 * take them. The connection's {@link ConnectionSlot} is busy from each request head to the end of its
 * exchange, and idle (evictable at a connection cap) in between. Runs on the client's event loop.
 */
public final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);

    private final ProxyRuntime runtime;
    private final ConnectionSlot slot;
    private ChannelHandlerContext ctx;
    private Exchange exchange;
    private boolean draining;
    private boolean awaitingMessage;
    private ResponseDeadline responseDeadline;

    FrontendHandler(ProxyRuntime runtime, ConnectionSlot slot) {
        this.runtime = runtime;
        this.slot = slot;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
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
        awaitingMessage = true;
        ctx.read();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // a socket read that completed no message (part of a head or a chunk header) must not end the reading
        if (awaitingMessage) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        awaitingMessage = false;
        if (msg instanceof HttpRequest request) {
            if (exchange != null) {
                // cannot happen: the next request is read only once the exchange is done
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            if (!slot.startRequest()) {
                // evicted while idle to make room for another connection: it is closing, serve nothing
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            exchange = new Exchange(runtime, ctx, this, request);
            if (msg instanceof HttpContent content) {
                // a request the decoder refused arrives whole; its empty content carries nothing
                content.release();
            }
            exchange.start();
        } else if (msg instanceof HttpContent content) {
            if (exchange != null) {
                exchange.requestContent(content);
            } else {
                // the rest of a request already answered (the end marker of a body-less one)
                content.release();
                read();
            }
        } else {
            ReferenceCountUtil.release(msg);
            read();
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
