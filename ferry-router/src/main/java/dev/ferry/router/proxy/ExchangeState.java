package dev.ferry.router.proxy;

/**
 * How far one {@link Exchange} has come, both ways: what has been read from the client and sent to the
 * backend, what has been relayed back, and whether it is over. Each flag only ever goes from false to true
 * within an attempt; a retry resets the two that belong to the attempt ({@link #newAttempt}). Threading: the
 * exchange's event loop.
 */
final class ExchangeState {

    // ---- request, client to backend

    /** The whole request body has been read from the client (or the request has none). */
    boolean requestComplete;
    /** The head is held until the first body message arrives, so a body refused at once never reaches a backend. */
    boolean awaitingFirstBody;
    /** Request body bytes that reached a backend: once any did, no retry is safe. */
    long bodyBytesSent;
    /** The whole request reached the backend of this attempt; the response timeout runs from here. */
    boolean requestSent;
    /** Client reads are paused until the backend connection drains. */
    boolean waitingForBackendWritable;

    // ---- response, backend to client

    /** A 101 was relayed: the connection becomes a byte relay once the head has gone out. */
    boolean upgrading;
    /** A response head (the backend's or an error page) has gone to the client: a second one is impossible. */
    boolean responseStarted;
    /** The whole response has gone to the client. */
    boolean responseComplete;
    /** The backend keeps its connection open and framed the body itself, so the connection can go back to the pool. */
    boolean backendReusable;

    /** The exchange is over; late events from either side are ignored. */
    boolean done;

    /** Forgets what belonged to a failed attempt before the request is sent again. */
    void newAttempt() {
        requestSent = false;
        waitingForBackendWritable = false;
    }

    /** True when the backend connection may serve another request once this exchange ends. */
    boolean backendReleasable() {
        return backendReusable && requestSent && responseComplete;
    }
}
