package dev.ferry.core.traffic;

import java.util.Arrays;

/**
 * Request latencies counted in buckets whose bounds grow by 10 % from 1 ms to 60 s ({@value #BUCKETS} buckets, the
 * last one open), so that slots add up by adding counts and a percentile is within 10 % of the true value: it is the
 * upper bound of the bucket it falls in, rounded up to whole milliseconds and capped at the largest latency seen.
 * The counts grow only up to the highest bucket used (about 50 counters for requests under 100 ms, at most
 * {@value #BUCKETS}). Not thread-safe: {@link TrafficSeries} reads and writes it under its ring's lock.
 */
final class LatencyHistogram {

    static final int BUCKETS = 117;
    private static final double GROWTH = 1.1;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private static final int[] NONE = {};

    private int[] counts = NONE;
    private long total;
    private long maxMs;

    void add(long latencyMs) {
        add(latencyMs, 1);
    }

    /** Counts {@code n} latencies of {@code latencyMs}. */
    void add(long latencyMs, long n) {
        long ms = Math.max(0, latencyMs);
        int b = bucket(ms);
        if (b >= counts.length) {
            counts = Arrays.copyOf(counts, b + 1);
        }
        counts[b] = (int) Math.min(Integer.MAX_VALUE, counts[b] + n);
        total += n;
        maxMs = Math.max(maxMs, ms);
    }

    void addAll(LatencyHistogram other) {
        if (other.counts.length > counts.length) {
            counts = Arrays.copyOf(counts, other.counts.length);
        }
        for (int i = 0; i < other.counts.length; i++) {
            counts[i] = (int) Math.min(Integer.MAX_VALUE, (long) counts[i] + other.counts[i]);
        }
        total += other.total;
        maxMs = Math.max(maxMs, other.maxMs);
    }

    /** How many latencies were counted. */
    long total() {
        return total;
    }

    /** The latency under which a share {@code q} (0 to 1) of the requests fell, or -1 without requests. */
    long percentile(double q) {
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), maxMs);
            }
        }
        return maxMs;
    }

    /** The bucket of a latency: 0 up to 1 ms, then bucket {@code i} up to 1.1^i ms; the last is 60 s and above. */
    static int bucket(long ms) {
        if (ms <= 1) {
            return 0;
        }
        return (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(ms) / LOG_GROWTH - 1e-9));
    }

    /** The largest whole milliseconds in a bucket (the open last bucket has none: Long.MAX_VALUE). */
    static long upperBound(int bucket) {
        return bucket == BUCKETS - 1 ? Long.MAX_VALUE : (long) Math.floor(Math.pow(GROWTH, bucket) + 1e-9);
    }
}
