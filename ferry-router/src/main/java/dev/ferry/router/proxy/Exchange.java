package dev.ferry.router.proxy;

import dev.ferry.core.route.BackendProtocol;
import dev.ferry.core.route.Endpoint;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.error.ErrorPages;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;
import dev.ferry.router.http1.ClientMessage;
import dev.ferry.router.http1.RequestHead;
import dev.ferry.router.route.Pool;
import dev.ferry.router.tls.HttpsPolicies;
import dev.ferry.router.tls.HttpsRedirect;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request from its head to the end of its response: route lookup, endpoint choice, connection, retries
 * ({@link RetryPolicy}; after a lost backend, {@link BackendLoss}), error pages, access log and metrics; the request
 * goes to the backend through its {@link RequestSender}, the response back through its {@link ResponseRelay}.
 *
 * <p>The request head is the client's own bytes ({@link RequestHead}, kept until the exchange ends), written to
 * each backend tried by {@code BackendRequestWriter}; its body passes as the slices {@code ClientRequestReader}
 * hands on. A request with a body connects only once the first body slice has been read (and holds it until the
 * connection is up), so a body whose framing is refused at once never reaches a backend; the rest stays unread
 * until a connection is up, so a connect failure can always be retried. An accepted request that expects
 * {@code 100-continue} gets its {@code 100} here, just before the body is read; refused ones get only their
 * final answer.
 *
 * <p>Threading: every method runs on the client's event loop, which is also the backend connection's.
 */
final class Exchange {

    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    final ProxyRuntime rt;
    final RouterConfig config;
    final ChannelHandlerContext client;
    final FrontendHandler frontend;
    final RequestHead head;
    final ExchangeState st = new ExchangeState();
    final ExchangeRecord rec;
    private final RequestRefused refused;
    final String host;
    final Pool pool;
    final String affinityId;
    private final boolean requestHasBody;
    private final RetryPolicy retry;
    private final ResponseRelay response;
    private final RequestSender sender = new RequestSender(this);

    private Endpoint endpoint;
    private Endpoint started;
    private Channel backend;
    private boolean reused;

    Exchange(ProxyRuntime rt, ChannelHandlerContext client, FrontendHandler frontend, ClientMessage.Head message) {
        this.rt = rt;
        this.config = rt.config();
        this.retry = frontend.retryPolicy();
        this.rec = frontend.exchangeRecord();
        this.client = client;
        this.frontend = frontend;
        this.head = message.head();
        this.refused = message.refused();
        this.host = refused == null ? frontend.routedHost(head) : null;
        this.pool = host == null ? null : rt.routes().http(host);
        this.affinityId = pool != null && pool.route().policy().affinity() ? head.affinityId() : null;
        this.requestHasBody = refused == null && head.body() != RequestHead.Body.NONE;
        this.response = new ResponseRelay(this);
    }

    void start() {
        if (refused != null) {
            fail(refused.error(), true);
        } else if (host == null) {
            fail(ProxyError.BAD_REQUEST, false);
        } else if (head.originTargetStartsWith(HttpsPolicies.ACME_CHALLENGE)
                && rt.https().challengeAnswer(head.originTarget()) != null) {
            answerAtOnce(200, close -> HttpsRedirect.challengeAnswer(client.alloc(),
                    rt.https().challengeAnswer(head.originTarget()), close, head.requestId()));
        } else if (!frontend.isSecure() && rt.https().forcesHttps(host)
                && rt.https().redirectLocation(host, head.originTarget()) != null) {
            answerAtOnce(308, close -> HttpsRedirect.encode(client.alloc(),
                    rt.https().redirectLocation(host, head.originTarget()), close, head.requestId()));
        } else if (pool == null) {
            fail(ProxyError.NO_SUCH_APP, false);
        } else if (pool.route().policy().maintenance()) {
            fail(ProxyError.MAINTENANCE, false);
        } else if (head.body() == RequestHead.Body.LENGTH && bodyLimit() > 0 && head.contentLength() > bodyLimit()) {
            fail(ProxyError.PAYLOAD_TOO_LARGE, true);
        } else {
            if (head.expectsContinue()) {
                client.writeAndFlush(ErrorPages.continueResponse(), client.voidPromise());
            }
            if (requestHasBody) {
                st.awaitingFirstBody = true;
                frontend.read();
            } else {
                st.requestComplete = true;
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
        BackendProtocol protocol = pool.route().policy().protocol(); // h2c: a new stream each time, on a pooled connection
        Channel pooled = allowReuse ? rt.backends().pooled(chosen, client.channel().eventLoop(), protocol) : null;
        if (pooled != null) {
            connected(chosen, pooled, true); // no future nor listener
        } else {
            Future<BackendLease> lease = rt.backends().connect(chosen, client.channel().eventLoop(), protocol);
            lease.addListener(f -> connected(chosen, lease));
        }
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
        connected(chosen, f.getNow().channel(), f.getNow().reused());
    }

    private void connected(Endpoint chosen, Channel ch, boolean pooled) {
        backend = ch;
        reused = pooled;
        backend.config().setAutoRead(client.channel().isWritable());
        BackendHandler.attach(backend, this, head.isHeadMethod(), !head.isHttp11());
        pool.started(chosen);
        started = chosen;
        sender.sendHead(backend, requestHasBody);
    }

    // ---- request body, client to backend

    void requestBody(ClientMessage.Body body) {
        rec.bytesIn = frontend.requestBodyBytes();
        if (bodyLimit() > 0 && rec.bytesIn > bodyLimit()) {
            body.release();
            st.requestComplete = true;
            abortOnBadBody(ProxyError.PAYLOAD_TOO_LARGE);
            return;
        }
        if (body.isLast()) {
            st.requestComplete = true;
        }
        if (st.done || st.upgrading || st.responseComplete) {
            body.release();
        } else {
            sender.forward(body);
        }
        if (st.awaitingFirstBody && !st.done) {
            st.awaitingFirstBody = false;
            attempt(true);
        }
    }

    /** The request body's framing broke: 400 if nothing was answered yet, else both connections close. */
    void requestBodyBroken() {
        st.requestComplete = true;
        abortOnBadBody(ProxyError.BAD_REQUEST);
    }

    void backendWritabilityChanged(Channel ch) {
        if (ch == backend) {
            sender.backendWritable(ch);
        }
    }

    /** The response deadline of the client connection passed while this exchange waited for the backend. */
    void responseTimedOut() {
        if (st.done || st.responseStarted || backend == null) {
            return;
        }
        dropBackend();
        fail(ProxyError.BACKEND_TIMEOUT, false);
    }

    // ---- response, backend to client (the relay does the work)

    void backendRead(Channel ch, Object msg) {
        response.read(ch == backend && !st.done && !st.responseComplete, msg);
    }

    void clientWritabilityChanged() {
        if (backend != null && !st.upgrading) {
            backend.config().setAutoRead(client.channel().isWritable());
        }
    }

    Channel backend() {
        return backend;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The backend answered 101: the two connections become a byte relay; the exchange is over for HTTP. */
    void switchToRelay() {
        Channel ch = backend;
        backend = null;
        st.done = true;
        frontend.exchangeUpgraded(this);
        String method = head.method();
        String target = head.originTarget();
        String requestId = head.requestId();
        head.release();
        UpgradeRelay.install(client.channel(), ch);
        Runnable end = () -> {
            finishStarted();
            rec.write(rt, host, method, target, requestId, pool, endpoint, frontend.authorityOf(endpoint));
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
        BackendLoss loss = BackendLoss.of(cause, st, response, retry, endpoint, reused, head.method());
        dropBackend();
        if (loss.failsEndpoint(cause, reused)) {
            pool.failed(endpoint, cause);
        }
        switch (loss) {
            case ENDS_BODY -> response.endAtClose();
            case CUTS_RESPONSE -> abort();
            case RETRY_FRESH, RETRY_ELSEWHERE -> {
                st.newAttempt();
                attempt(loss == BackendLoss.RETRY_ELSEWHERE);
            }
            case FAIL -> fail(ProxyError.BACKEND_RESET, false);
        }
    }

    /** The backend's response is malformed before anything was relayed, or its body broke after. */
    void backendMalformed(String reason) {
        log.debug("malformed response from {}: {}", endpoint.authority(), reason);
        dropBackend();
        // a malformed response may be a desync attempt: the client connection closes too
        fail(ProxyError.BACKEND_BAD_RESPONSE, true);
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
    void abort() {
        if (backend != null) {
            dropBackend();
        }
        finish(true);
    }

    /** Answers with Ferry's error page; no response byte has been sent yet. */
    void fail(ProxyError error, boolean forceClose) {
        if (st.done) {
            return;
        }
        if (st.responseStarted) {
            abort();
            return;
        }
        frontend.responseDeadline().disarm();
        st.responseStarted = true;
        st.responseComplete = true;
        rec.status = error.status();
        boolean close = forceClose || refused != null || !head.isKeepAlive() || (requestHasBody && !st.requestComplete);
        String accept = refused == null ? head.value("Accept") : null;
        ErrorPages.Encoded page = ErrorPages.encodePage(client.alloc(), error, accept, close,
                refused == null ? head.requestId() : null);
        rec.bytesOut += page.bodyBytes();
        client.writeAndFlush(page.bytes()).addListener(w -> finish(close || !w.isSuccess()));
    }

    /** Answers without a backend (an ACME challenge, a 308 to HTTPS); a request body is not read, so it closes. */
    private void answerAtOnce(int status, Function<Boolean, ByteBuf> response) {
        st.responseStarted = true;
        st.responseComplete = true;
        rec.status = status;
        boolean close = !head.isKeepAlive() || requestHasBody;
        client.writeAndFlush(response.apply(close)).addListener(w -> finish(close || !w.isSuccess()));
    }

    private void dropBackend() {
        frontend.responseDeadline().disarm();
        Channel ch = backend;
        backend = null;
        BackendHandler.detach(ch);
        ch.close();
        finishStarted();
    }

    // ---- the end

    void finish(boolean closeClient) {
        if (st.done) {
            return;
        }
        st.done = true;
        frontend.responseDeadline().disarm();
        if (backend != null) {
            Channel ch = backend;
            backend = null;
            BackendHandler.detach(ch);
            if (st.backendReleasable() && ch.isActive()) {
                rt.backends().release(ch);
            } else {
                ch.close();
            }
        }
        finishStarted();
        sender.releaseUnsent();
        response.dropHeldHead();
        rec.write(rt, host, refused == null ? head : null, pool, endpoint, frontend.authorityOf(endpoint));
        head.release();
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
