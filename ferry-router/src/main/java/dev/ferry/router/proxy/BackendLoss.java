package dev.ferry.router.proxy;

import dev.ferry.core.route.Endpoint;
import java.io.IOException;

/**
 * What an {@link Exchange} does when its backend connection fails or closes before the response is complete
 * (decision record 006), decided by where the response stood: after response bytes reached the client, the close
 * can only end a body delimited by it or cut the response off; before any did (nothing came, or only a head that
 * was held back, and is then forgotten), the request may go again as {@link RetryPolicy} allows (a pooled connection
 * found dead or an h2c stream refused: on a fresh connection; an idempotent method: on another endpoint), or is
 * answered 502 {@code backend_reset}.
 *
 * <p>Decided by constants, with no allocation, on the exchange's event loop.
 */
enum BackendLoss {
    /** The close ends a body delimited by it: the response is whole. */
    ENDS_BODY,
    /** Part of the response has reached the client: a second response is impossible, both connections close. */
    CUTS_RESPONSE,
    /** The request again on a fresh connection to the same endpoint. */
    RETRY_FRESH,
    /** The request again on another endpoint, the lost one excluded. */
    RETRY_ELSEWHERE,
    /** No retry: 502 {@code backend_reset}. */
    FAIL;

    /**
     * Decides, forgetting a held response head when the request may still be answered again.
     *
     * @param cause  why the connection was lost, or null for a plain close
     * @param reused the connection came from the keep-alive pool
     * @param method the request's method, as sent
     */
    static BackendLoss of(Throwable cause, ExchangeState st, ResponseRelay response, RetryPolicy retry,
                          Endpoint endpoint, boolean reused, String method) {
        boolean pooledFoundDead = reused;
        if (st.responseStarted) {
            if (cause == null && response.endsAtClose()) {
                return ENDS_BODY;
            }
            if (!response.headHeld()) {
                return CUTS_RESPONSE;
            }
            // only a head came and the client has none of it; the request was served, though
            response.forgetHead();
            pooledFoundDead = false;
        }
        return switch (retry.afterBackendLoss(cause, endpoint, pooledFoundDead, st.bodyBytesSent, method)) {
            case RETRY_FRESH -> RETRY_FRESH;
            case RETRY_ELSEWHERE -> RETRY_ELSEWHERE;
            case FAIL -> FAIL;
        };
    }

    /**
     * Whether the lost endpoint is reported failed to its pool: on an I/O error, when the request goes elsewhere, or
     * fails on a connection that was not a pooled one (which the backend may simply have closed).
     */
    boolean failsEndpoint(Throwable cause, boolean reused) {
        return cause instanceof IOException && (this == RETRY_ELSEWHERE || this == FAIL && !reused);
    }
}
