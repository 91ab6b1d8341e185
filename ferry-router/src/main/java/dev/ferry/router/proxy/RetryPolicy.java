package dev.ferry.router.proxy;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.h2.StreamRefusedException;
import dev.ferry.router.route.Pool;
import io.netty.channel.ConnectTimeoutException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides, for one exchange, whether a failed attempt is tried again and on what, and which error page answers
 * when it is not (decision record 006). At most {@code maxRetries} further attempts (default 2), each on an
 * endpoint not yet tried, and only when the classifier proves it safe: no request body byte has reached a
 * backend and no response byte has reached the client. A failed connect is always safe; a pooled connection
 * found dead is retried on a fresh one to the same endpoint; an endpoint lost mid-request is left for another
 * only for an idempotent method (GET, HEAD, OPTIONS, PUT, DELETE). One per client connection, {@link #reset}
 * for each exchange (an exchange at a time). Threading: the exchange's event loop.
 */
final class RetryPolicy {

    /** What to do after a backend connection failed before the response began. */
    enum Decision {
        /** A pooled connection the backend had closed: the same request on a fresh connection. */
        RETRY_FRESH,
        /** Another endpoint, the failed one excluded. */
        RETRY_ELSEWHERE,
        /** No retry: answer with the error page. */
        FAIL
    }

    /** Methods RFC 9110 defines as idempotent: retried on another endpoint when one fails before answering. */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final int maxRetries;
    // made at the first failure: most exchanges never need one
    private Set<String> excluded;
    private Set<String> excludedView = Set.of();
    private int retries;
    private ProxyError lastError;

    RetryPolicy(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /** Forgets the previous exchange's failures; answers this policy for the next exchange. */
    RetryPolicy reset() {
        if (excluded != null) {
            excluded.clear();
        }
        retries = 0;
        lastError = null;
        return this;
    }

    /** The endpoints already tried and failed, for {@link Pool#pick}. */
    Set<String> excluded() {
        return excludedView;
    }

    /** A connect to {@code endpoint} failed; true when another endpoint is to be tried. */
    boolean afterConnectFailure(Endpoint endpoint, Throwable cause) {
        exclude(endpoint);
        lastError = cause instanceof ConnectTimeoutException ? ProxyError.BACKEND_TIMEOUT : ProxyError.BACKEND_REFUSED;
        return take();
    }

    /**
     * The backend connection to {@code endpoint} failed or closed before any response byte.
     *
     * @param cause         why, or null for a plain close; an h2c backend's {@link StreamRefusedException} says the
     *                      request was not served, so it is as safe to send again as on a pooled connection found closed
     * @param reused        the connection came from the keep-alive pool
     * @param bodyBytesSent request body bytes that reached the backend
     * @param method        the request's method, as sent (methods are case-sensitive)
     */
    Decision afterBackendLoss(Throwable cause, Endpoint endpoint, boolean reused, long bodyBytesSent, String method) {
        if (bodyBytesSent > 0 || retries >= maxRetries) {
            return Decision.FAIL;
        }
        if (reused || cause instanceof StreamRefusedException) {
            retries++;
            return Decision.RETRY_FRESH;
        }
        if (IDEMPOTENT.contains(method)) {
            // the endpoint went away mid-request (a crash, a stop): safe to send to another, as nginx's
            // proxy_next_upstream does
            exclude(endpoint);
            lastError = ProxyError.BACKEND_RESET;
            retries++;
            return Decision.RETRY_ELSEWHERE;
        }
        return Decision.FAIL;
    }

    /** Why no endpoint could be reached: the pool is down as a whole (503), or the last endpoint tried failed (502/504). */
    ProxyError connectFailure(Pool pool) {
        if (lastError == null || (lastError == ProxyError.BACKEND_REFUSED && !pool.anyHealthy())) {
            Route route = pool.route();
            return route != null && route.policy().tunnel() && route.endpoints().isEmpty()
                    ? ProxyError.APP_OFFLINE : ProxyError.NO_HEALTHY_INSTANCE;
        }
        return lastError;
    }

    private void exclude(Endpoint endpoint) {
        if (excluded == null) {
            excluded = new HashSet<>(4);
            excludedView = Collections.unmodifiableSet(excluded);
        }
        excluded.add(endpoint.id());
    }

    private boolean take() {
        if (retries >= maxRetries) {
            return false;
        }
        retries++;
        return true;
    }
}
