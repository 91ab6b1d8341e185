package dev.ferry.router.proxy;

import dev.ferry.core.route.Endpoint;
import dev.ferry.router.http1.RequestHead;
import dev.ferry.router.log.AccessLogEntry;
import dev.ferry.router.route.Pool;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the access log and the metrics learn about one {@link Exchange}: times, byte counts and the status
 * sent. Filled in on the client's event loop, written once at the end. One per client connection,
 * {@link #reset} when each exchange starts (an exchange at a time).
 */
final class ExchangeRecord {

    private static final Logger log = LoggerFactory.getLogger(ExchangeRecord.class);

    private Instant startTime;
    private long startNanos;
    long bytesIn;
    long bytesOut;
    /** When the request head went to the backend that answered; 0 before. */
    long sentNanos;
    /** When that backend's response head arrived; 0 before. */
    long firstByteNanos;
    int status;

    /** Starts the record of a new exchange: now is its start, nothing is counted yet. */
    ExchangeRecord reset() {
        startTime = Instant.now();
        startNanos = System.nanoTime();
        bytesIn = 0;
        bytesOut = 0;
        sentNanos = 0;
        firstByteNanos = 0;
        status = 0;
        return this;
    }

    /**
     * Counts the request in the metrics, then hands its line to the access log; never throws.
     *
     * @param request   the accepted request head, still holding its bytes; null when the head was refused
     * @param authority the endpoint's {@code host:port} (see {@link FrontendHandler#authorityOf}), or null
     */
    void write(ProxyRuntime rt, String host, RequestHead request, Pool pool, Endpoint endpoint, String authority) {
        write(rt, host, request == null ? null : request.method(), request == null ? null : request.originTarget(),
                request == null ? null : request.requestId(), pool, endpoint, authority);
    }

    /**
     * Like {@link #write(ProxyRuntime, String, RequestHead, Pool, Endpoint, String)}, once the head's bytes are gone.
     */
    void write(ProxyRuntime rt, String host, String method, String target, String requestId, Pool pool,
               Endpoint endpoint, String authority) {
        long totalNanos = System.nanoTime() - startNanos;
        long backendMs = sentNanos != 0 && firstByteNanos != 0
                ? TimeUnit.NANOSECONDS.toMillis(firstByteNanos - sentNanos) : -1;
        try {
            rt.metrics().request(pool == null ? null : pool.route().domain(), status, totalNanos);
            rt.accessLog().log(new AccessLogEntry(startTime, host, method, target, status, bytesIn, bytesOut,
                    TimeUnit.NANOSECONDS.toMillis(totalNanos), backendMs,
                    endpoint != null && sentNanos != 0 ? authority : null, requestId,
                    endpoint != null && sentNanos != 0 && endpoint.tunnel()));
        } catch (RuntimeException e) {
            log.warn("recording a request failed", e);
        }
    }
}
