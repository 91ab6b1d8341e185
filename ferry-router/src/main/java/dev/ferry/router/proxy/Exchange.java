package dev.ferry.router.proxy;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HostName;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.error.ErrorPages;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.handler.HopByHopHeaders;
import dev.ferry.router.route.Pool;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request from its head to the end of its response: route lookup, endpoint choice, connection,
 * retries, streaming both ways, error pages, access log and metrics.
 *
 * <p>Retries (at most {@code maxRetries}, each time on an endpoint not yet tried) happen only when no
 * request body byte has reached a backend and no response byte has reached the client: after a failed
 * connect, and when a pooled connection turns out to be dead.
 *
 * <p>A request with a body connects only once the first body message has been decoded (and is held until
 * the connection is up), so a body whose framing is refused at once never reaches a backend; the rest of
 * the body stays unread until a connection is up, so a connect failure can always be retried. An accepted
 * request that expects {@code 100-continue} gets its {@code 100} here, just before the body is read;
 * refused ones get only their final answer, and a backend's own {@code 100} is never relayed.
 *
 * <p>A backend response head that is malformed (decoder failure, status outside 100-599, a transfer
 * coding other than {@code chunked}) is answered 502 {@code backend_bad_response} and its connection is
 * closed; a malformed body after a relayed head closes both connections.
 *
 * <p>Threading: every method runs on the client's event loop, which is also the backend connection's.
 */
final class Exchange {

    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    private final ProxyRuntime rt;
    private final RouterConfig config;
    private final ChannelHandlerContext client;
    private final FrontendHandler frontend;
    private final HttpRequest request;
    private final String host;
    private final Pool pool;
    private final String affinityId;
    private final boolean requestHasBody;
    private final HttpVersion clientVersion;
    private final RetryPolicy retry;
    private final ExchangeState st = new ExchangeState();
    private final ArrayDeque<HttpContent> unsent = new ArrayDeque<>(2);
    private final ExchangeRecord rec = new ExchangeRecord();

    private Endpoint endpoint;
    private Endpoint started;
    private Channel backend;
    private boolean reused;

    Exchange(ProxyRuntime rt, ChannelHandlerContext client, FrontendHandler frontend, HttpRequest request) {
        this.rt = rt;
        this.config = rt.config();
        this.retry = new RetryPolicy(config.maxRetries());
        this.client = client;
        this.frontend = frontend;
        this.request = request;
        this.clientVersion = request.protocolVersion();
        boolean valid = request.decoderResult().isSuccess();
        this.host = valid ? HostName.normalizeHostHeader(request.headers().get(HttpHeaderNames.HOST)) : null;
        this.pool = host == null ? null : rt.routes().http(host);
        String cookie = valid ? AffinityCookie.find(request.headers(), config.affinityCookieName()) : null;
        this.affinityId = pool != null && pool.route().policy().affinity() ? cookie : null;
        this.requestHasBody = valid && (HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0);
    }

    boolean requestComplete() {
        return st.requestComplete;
    }

    void start() {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            fail(ProxyError.forDecoderFailure(result.cause()), true);
        } else if (host == null) {
            fail(ProxyError.BAD_REQUEST, false);
        } else if (pool == null) {
            fail(ProxyError.NO_SUCH_APP, false);
        } else if (bodyLimit() > 0 && HttpUtil.getContentLength(request, 0L) > bodyLimit()) {
            fail(ProxyError.PAYLOAD_TOO_LARGE, true);
        } else {
            AffinityCookie.remove(request.headers(), config.affinityCookieName());
            boolean expectsContinue = HttpUtil.is100ContinueExpected(request);
            request.headers().remove(HttpHeaderNames.EXPECT);
            request.setProtocolVersion(HttpVersion.HTTP_1_1);
            if (expectsContinue) {
                client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE),
                        client.voidPromise());
            }
            if (requestHasBody) {
                st.awaitingFirstBody = true;
                frontend.read();
            } else {
                attempt(true);
            }
        }
    }

    // ---- choosing an endpoint and connecting

    private void attempt(boolean allowReuse) {
        Endpoint chosen = pool.pick(affinityId, retry.excluded());
        if (chosen == null) {
            fail(retry.connectFailure(pool), false);
            return;
        }
        endpoint = chosen;
        Future<BackendLease> lease = rt.backends().acquire(chosen, client.channel().eventLoop(), allowReuse);
        lease.addListener(f -> connected(chosen, lease));
    }

    private void connected(Endpoint chosen, Future<BackendLease> f) {
        if (st.done) {
            if (f.isSuccess()) {
                f.getNow().channel().close();
            }
            return;
        }
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            pool.failed(chosen, cause);
            log.debug("connect to {} failed: {}", chosen.authority(), cause.toString());
            if (retry.afterConnectFailure(chosen, cause)) {
                attempt(true);
            } else {
                fail(retry.connectFailure(pool), false);
            }
            return;
        }
        BackendLease lease = f.getNow();
        backend = lease.channel();
        reused = lease.reused();
        backend.config().setAutoRead(client.channel().isWritable());
        backend.pipeline().get(BackendHandler.class).attach(this);
        pool.started(chosen);
        started = chosen;
        sendHead();
    }

    private void sendHead() {
        Channel ch = backend;
        rec.sentNanos = System.nanoTime();
        ch.write(request).addListener(w -> {
            if (!w.isSuccess()) {
                backendFailed(ch, w.cause());
            }
        });
        if (ch != backend) {
            return; // the write failed at once and a retry (or an error page) took over
        }
        if (!unsent.isEmpty()) {
            while (!unsent.isEmpty() && ch == backend) {
                forward(unsent.poll());
            }
        } else if (st.requestComplete) {
            forward(LastHttpContent.EMPTY_LAST_CONTENT);
        } else {
            ch.flush();
            frontend.read();
        }
    }

    // ---- request body, client to backend

    void requestContent(HttpContent content) {
        rec.bytesIn += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        boolean malformed = content.decoderResult().isFailure();
        if (malformed || (bodyLimit() > 0 && rec.bytesIn > bodyLimit())) {
            content.release();
            st.requestComplete = true;
            abortOnBadBody(malformed ? ProxyError.BAD_REQUEST : ProxyError.PAYLOAD_TOO_LARGE);
            return;
        }
        if (last) {
            st.requestComplete = true;
        }
        if (st.done || st.upgrading || st.responseComplete) {
            content.release();
        } else {
            forward(content);
        }
        if (st.awaitingFirstBody && !st.done) {
            st.awaitingFirstBody = false;
            attempt(true);
        }
    }

    private void forward(HttpContent content) {
        Channel ch = backend;
        if (ch == null) {
            // a connection is being opened (or re-opened): the chunk goes out after the head
            unsent.add(content);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        st.bodyBytesSent += content.content().readableBytes();
        ch.writeAndFlush(content).addListener(w -> {
            if (!w.isSuccess()) {
                backendFailed(ch, w.cause());
            } else if (last && ch == backend) {
                st.requestSent = true;
                armResponseTimer();
            }
        });
        if (!last) {
            if (ch.isWritable()) {
                frontend.read();
            } else {
                st.waitingForBackendWritable = true;
            }
        }
    }

    void backendWritabilityChanged(Channel ch) {
        if (ch == backend && ch.isWritable() && st.waitingForBackendWritable) {
            st.waitingForBackendWritable = false;
            frontend.read();
        }
    }

    private void armResponseTimer() {
        if (!st.responseStarted && !st.done) {
            frontend.responseDeadline().arm();
        }
    }

    private void cancelResponseTimer() {
        frontend.responseDeadline().disarm();
    }

    /** The response deadline of the client connection passed while this exchange waited for the backend. */
    void responseTimedOut() {
        if (st.done || st.responseStarted || backend == null) {
            return;
        }
        dropBackend();
        fail(ProxyError.BACKEND_TIMEOUT, false);
    }

    // ---- response, backend to client

    void backendRead(Channel ch, Object msg) {
        if (ch != backend || st.done || st.responseComplete) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!st.responseStarted && msg instanceof HttpResponse response && BackendResponses.malformed(response)) {
            ReferenceCountUtil.release(msg);
            log.debug("malformed response from {}: {}", endpoint.authority(), response.decoderResult());
            dropBackend();
            // a malformed response may be a desync attempt: the client connection closes too
            fail(ProxyError.BACKEND_BAD_RESPONSE, true);
            return;
        }
        if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            // the head went out already: a second response is impossible, and a cut body must not look whole
            content.release();
            abort();
            return;
        }
        if (msg instanceof HttpResponse response) {
            cancelResponseTimer();
            if (rec.firstByteNanos == 0) {
                rec.firstByteNanos = System.nanoTime();
            }
            int code = response.status().code();
            if (code == 101 && HopByHopHeaders.isUpgrade(request.headers())) {
                st.upgrading = true;
                writeUpgradeHead(response);
            } else if (code < 200) {
                // 100 and 103 are dropped: the router answers Expect itself and hints are optional
                st.skippingInformational = true;
            } else {
                writeResponseHead(response);
            }
        }
        if (msg instanceof HttpContent content) {
            if (st.skippingInformational || st.upgrading) {
                content.release();
                if (content instanceof LastHttpContent) {
                    st.skippingInformational = false;
                    if (st.upgrading) {
                        switchToRelay();
                    }
                }
            } else if (st.responseStarted) {
                writeResponseContent(content);
            } else {
                content.release();
            }
        }
    }

    private void writeResponseHead(HttpResponse response) {
        st.responseStarted = true;
        rec.status = response.status().code();
        boolean alwaysEmpty = HttpMethod.HEAD.equals(request.method()) || rec.status == 204 || rec.status == 304;
        st.backendReusable = ResponseHeads.backendReusable(response, alwaysEmpty);
        boolean clientSpeaks11 = clientVersion.majorVersion() > 1 || clientVersion.minorVersion() >= 1;
        ResponseHeads.forClient(response, alwaysEmpty, clientSpeaks11, config.viaName());
        if (pool.route().policy().affinity() && !endpoint.id().equals(affinityId)) {
            response.headers().add(HttpHeaderNames.SET_COOKIE,
                    AffinityCookie.setCookie(config.affinityCookieName(), endpoint.id()));
        }
        // a failed write fires exceptionCaught, which closes the client; channelInactive then ends the exchange
        client.write(response, client.voidPromise());
    }

    private void writeResponseContent(HttpContent content) {
        rec.bytesOut += content.content().readableBytes();
        if (!(content instanceof LastHttpContent)) {
            client.writeAndFlush(content, client.voidPromise());
            if (!client.channel().isWritable()) {
                backend.config().setAutoRead(false);
            }
            return;
        }
        st.responseComplete = true;
        client.writeAndFlush(content).addListener(w -> finish(!w.isSuccess()));
    }

    void clientWritabilityChanged() {
        if (backend != null && !st.upgrading) {
            backend.config().setAutoRead(client.channel().isWritable());
        }
    }

    private void writeUpgradeHead(HttpResponse response) {
        st.responseStarted = true;
        rec.status = 101;
        ResponseHeads.forUpgrade(response, config.viaName());
        client.write(response, client.voidPromise());
    }

    private void switchToRelay() {
        Channel ch = backend;
        backend = null;
        st.done = true;
        client.flush();
        frontend.exchangeUpgraded(this);
        UpgradeRelay.install(client.channel(), ch);
        Runnable end = () -> {
            finishStarted();
            rec.write(rt, host, request, pool, endpoint);
        };
        // the relay ends when both sides are closed; the endpoint stays "started" until then
        ch.closeFuture().addListener(c -> client.channel().closeFuture().addListener(cc -> end.run()));
    }

    // ---- failures

    /** The backend connection failed or closed; {@code cause} is {@code null} for a plain close. */
    void backendFailed(Channel ch, Throwable cause) {
        if (ch != backend || st.done || st.responseComplete || st.upgrading) {
            return;
        }
        dropBackend();
        if (st.responseStarted) {
            // part of the response is already out: a second response is impossible
            abort();
            return;
        }
        RetryPolicy.Decision decision = retry.afterBackendLoss(endpoint, reused, st.bodyBytesSent, request.method());
        if (decision != RetryPolicy.Decision.FAIL) {
            if (decision == RetryPolicy.Decision.RETRY_ELSEWHERE && cause instanceof IOException) {
                pool.failed(endpoint, cause);
            }
            st.newAttempt();
            attempt(decision == RetryPolicy.Decision.RETRY_ELSEWHERE);
            return;
        }
        if (!reused && cause instanceof IOException) {
            pool.failed(endpoint, cause);
        }
        fail(ProxyError.BACKEND_RESET, false);
    }

    void clientClosed() {
        if (st.done) {
            return;
        }
        if (!st.responseStarted) {
            rec.status = 499;
        }
        abort();
    }

    /** The route's own body limit when it has one, else the router's; 0 for none. */
    private long bodyLimit() {
        long own = pool == null ? 0 : pool.route().policy().maxBodyBytes();
        return own > 0 ? own : config.maxRequestBodyBytes();
    }

    private void abortOnBadBody(ProxyError error) {
        if (st.done) {
            return;
        }
        if (st.responseStarted) {
            abort();
            return;
        }
        if (backend != null) {
            dropBackend();
        }
        fail(error, true);
    }

    /** Closes both sides without a response of our own. */
    private void abort() {
        if (backend != null) {
            dropBackend();
        }
        finish(true);
    }

    /** Answers with Ferry's error page; no response byte has been sent yet. */
    private void fail(ProxyError error, boolean forceClose) {
        if (st.done) {
            return;
        }
        if (st.responseStarted) {
            abort();
            return;
        }
        cancelResponseTimer();
        st.responseStarted = true;
        st.responseComplete = true;
        rec.status = error.status();
        boolean close = forceClose || (requestHasBody && !st.requestComplete);
        String accept = request.decoderResult().isSuccess() ? request.headers().get(HttpHeaderNames.ACCEPT) : null;
        FullHttpResponse page = ErrorPages.render(error, accept, close);
        rec.bytesOut += page.content().readableBytes();
        client.writeAndFlush(page).addListener(w -> finish(close || !w.isSuccess()));
    }

    private void dropBackend() {
        cancelResponseTimer();
        Channel ch = backend;
        backend = null;
        ch.pipeline().get(BackendHandler.class).attach(null);
        ch.close();
        finishStarted();
    }

    // ---- the end

    private void finish(boolean closeClient) {
        if (st.done) {
            return;
        }
        st.done = true;
        cancelResponseTimer();
        if (backend != null) {
            Channel ch = backend;
            backend = null;
            BackendHandler handler = ch.pipeline().get(BackendHandler.class);
            if (handler != null) {
                handler.attach(null);
            }
            if (st.backendReleasable() && ch.isActive()) {
                rt.backends().release(ch);
            } else {
                ch.close();
            }
        }
        finishStarted();
        HttpContent c;
        while ((c = unsent.poll()) != null) {
            c.release();
        }
        rec.write(rt, host, request, pool, endpoint);
        frontend.exchangeDone(this, closeClient || (requestHasBody && !st.requestComplete));
    }

    private void finishStarted() {
        if (started != null) {
            Endpoint e = started;
            started = null;
            pool.finished(e);
        }
    }
}
