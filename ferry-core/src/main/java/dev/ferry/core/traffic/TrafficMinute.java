package dev.ferry.core.traffic;

import java.time.Instant;
import java.util.Objects;

/**
 * An app's traffic during one minute (or summed over a window, {@link TrafficSeries#summary}), as
 * {@link TrafficSeries} reports it: requests by status class, bytes, and latency percentiles from the start of the
 * request head to the end of the response, each rounded up to the bound of its histogram bucket.
 *
 * @param start     the first instant of the minute (of the window, for a summary)
 * @param status1xx requests answered 1xx (101 for upgrades); likewise for the other classes, 499 counting as 4xx
 * @param bytesIn   request body bytes read from clients
 * @param bytesOut  response body bytes written to clients
 * @param p50Ms     the median latency in milliseconds, -1 when there was no request
 * @param p95Ms     the 95th percentile, -1 when there was no request
 * @param p99Ms     the 99th percentile, -1 when there was no request
 */
public record TrafficMinute(Instant start, long status1xx, long status2xx, long status3xx, long status4xx,
                            long status5xx, long bytesIn, long bytesOut, long p50Ms, long p95Ms, long p99Ms) {

    public TrafficMinute {
        Objects.requireNonNull(start, "start");
    }

    /** A minute without requests. */
    public static TrafficMinute empty(Instant start) {
        return new TrafficMinute(start, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1);
    }

    /** Every request of the minute, whatever its status. */
    public long requests() {
        return status1xx + status2xx + status3xx + status4xx + status5xx;
    }
}
