package dev.ferry.router.proxy;

import dev.ferry.router.http1.AddedFields;
import dev.ferry.router.http1.BackendMessage;
import dev.ferry.router.http1.BodyFramer;
import dev.ferry.router.http1.ChunkedFraming;
import dev.ferry.router.http1.ClientResponseWriter;
import dev.ferry.router.http1.RequestHead;
import dev.ferry.router.http1.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

/**
 * Backend to client for one {@link Exchange}: the backend's response head written for the client
 * ({@link ClientResponseWriter}: hop-by-hop fields dropped, {@code Via} and {@code X-Request-Id} set, the
 * affinity cookie, {@code Connection: close}), then its body slices as they came, re-framed only when the client
 * needs it: a body delimited by the backend's close goes to an HTTP/1.1 client in chunks, and an HTTP/1.0 client
 * gets a chunked body's payload alone and reads it to the close. A 1xx is not relayed (the router answers
 * {@code Expect} itself and hints are optional); a 101 to an upgrade request turns the exchange into a relay.
 *
 * <p>A response head with a body is held here until the body's first bytes follow it, so that until then no byte of
 * the response has reached the client: a backend lost in between (an instance killed after writing its head) is
 * still a loss before the response began, which the exchange retries or answers with its error page
 * ({@link #forgetHead}) instead of cutting the client off.
 *
 * <p>A response head that is malformed is answered 502 {@code backend_bad_response} and both connections close;
 * a malformed body after a relayed head closes both connections. The client connection closes after the
 * response when the client asked for it, or when its body is delimited by the close.
 *
 * <p>Threading: the exchange's event loop.
 */
final class ResponseRelay {

    private final Exchange ex;
    private final ChannelHandlerContext client;
    private final ExchangeState st;
    private boolean untilClose;
    private boolean chunkForClient;
    private boolean closeClient;
    private ByteBuf heldHead;

    ResponseRelay(Exchange ex) {
        this.ex = ex;
        this.client = ex.client;
        this.st = ex.st;
    }

    /** A message from the backend; {@code current} is false when it comes from a connection the exchange left. */
    void read(boolean current, Object msg) {
        if (!current) {
            ReferenceCountUtil.release(msg);
            return;
        }
        switch (msg) {
            case BackendMessage.Head h -> head(h.head());
            case BackendMessage.Body b -> body(b);
            case BackendMessage.Malformed m -> {
                if (st.responseStarted) {
                    ex.abort(); // a cut body must not look whole
                } else {
                    ex.backendMalformed(m.reason());
                }
            }
            default -> {
                // bytes after a 101 the relay has not taken yet: cannot happen, the switch is immediate
                ReferenceCountUtil.release(msg);
                ex.abort();
            }
        }
    }

    /** True when the response body ends with the backend's close, which then completes it. */
    boolean endsAtClose() {
        return untilClose;
    }

    /** True while the response head waits for its body: no byte of the response has reached the client yet. */
    boolean headHeld() {
        return heldHead != null;
    }

    /** The backend was lost after the head only: the response has not begun for the client, and may come again. */
    void forgetHead() {
        dropHeldHead();
        st.responseStarted = false;
        st.backendReusable = false;
    }

    /** Releases a head never written. */
    void dropHeldHead() {
        if (heldHead != null) {
            heldHead.release();
            heldHead = null;
        }
    }

    /** The backend closed the connection that delimited the body: the response is complete. */
    void endAtClose() {
        st.responseComplete = true;
        writeHeldHead();
        ByteBuf end = chunkForClient ? ChunkedFraming.last() : Unpooled.EMPTY_BUFFER;
        client.writeAndFlush(end).addListener(w -> ex.finish(closeClient || !w.isSuccess()));
    }

    private void head(ResponseHead response) {
        ex.frontend.responseDeadline().disarm();
        if (ex.rec.firstByteNanos == 0) {
            ex.rec.firstByteNanos = System.nanoTime();
        }
        if (response.isUpgrade()) {
            if (ex.head.isUpgrade()) {
                upgrade(response);
            } else {
                ex.backendMalformed("101 to a request that asked for no upgrade");
            }
            return;
        }
        if (response.status() < 200) {
            return; // 100 and 103 are dropped: the router answers Expect itself and hints are optional
        }
        RequestHead request = ex.head;
        st.responseStarted = true;
        ex.rec.status = response.status();
        st.backendReusable = response.backendReusable();
        boolean http11 = request.isHttp11();
        untilClose = response.body() == BodyFramer.Mode.UNTIL_CLOSE;
        chunkForClient = http11 && untilClose;
        boolean readToClose = !http11 && (untilClose || response.body() == BodyFramer.Mode.CHUNKED);
        closeClient = !request.isKeepAlive() || readToClose || ex.frontend.isDraining();
        AddedFields extra = ex.frontend.responseFields();
        String cookie = affinitySetCookie();
        if (cookie != null) {
            extra.add("Set-Cookie", cookie);
        }
        String hsts = ex.frontend.isSecure() ? ex.rt.https().hsts(ex.host) : null;
        if (hsts != null) {
            extra.add("Strict-Transport-Security", hsts);
        }
        if (closeClient) {
            extra.add("Connection", "close");
        }
        ByteBuf out = client.alloc().buffer(response.length() + 256);
        ClientResponseWriter.write(response, http11, request.requestId(), ex.frontend.via(), extra, out);
        if (response.body() == BodyFramer.Mode.NONE) {
            st.responseComplete = true;
            writeLast(out);
        } else {
            heldHead = out; // written with the body's first bytes
        }
    }

    private void writeHeldHead() {
        if (heldHead != null) {
            // a failed write fires exceptionCaught, which closes the client; channelInactive then ends the exchange
            client.write(heldHead, client.voidPromise());
            heldHead = null;
        }
    }

    /** The {@code Set-Cookie} value that pins the client to the endpoint that answers, or null when none is due. */
    private String affinitySetCookie() {
        return ex.pool.route().policy().affinity() && !ex.endpoint().id().equals(ex.affinityId)
                ? AffinityCookie.setCookie(ex.config.affinityCookieName(), ex.endpoint().id()) : null;
    }

    private void body(BackendMessage.Body b) {
        if (!st.responseStarted) {
            b.release(); // the body of a 1xx: it has none, but never relay it
            return;
        }
        writeHeldHead();
        ByteBuf data = b.content();
        ex.rec.bytesOut += data.readableBytes();
        if (chunkForClient) {
            data = ChunkedFraming.chunk(client.alloc(), data);
        }
        if (!b.isLast()) {
            client.writeAndFlush(data, client.voidPromise());
            if (!client.channel().isWritable() && ex.backend() != null) {
                ex.backend().config().setAutoRead(false);
            }
            return;
        }
        st.responseComplete = true;
        writeLast(data);
    }

    /**
     * Writes the response's last bytes and ends the exchange. On a connection that stays open the exchange ends at
     * once, with no promise nor listener per request: the next response queues behind this one, and a failed write
     * fires exceptionCaught, which closes the client. A connection that closes after it waits for the write.
     */
    private void writeLast(ByteBuf data) {
        if (closeClient) {
            client.writeAndFlush(data).addListener(w -> ex.finish(true));
        } else {
            client.writeAndFlush(data, client.voidPromise());
            ex.finish(false);
        }
    }

    private void upgrade(ResponseHead response) {
        st.responseStarted = true;
        st.upgrading = true;
        ex.rec.status = 101;
        ByteBuf out = client.alloc().buffer(response.length() + 128);
        ClientResponseWriter.write(response, true, null, ex.frontend.via(), null, out);
        client.writeAndFlush(out, client.voidPromise());
        ex.switchToRelay();
    }
}
