package dev.ferry.core.traffic;

/**
 * Request latencies counted in fixed buckets (1 ms to 60 s, then one open bucket), so that a minute of any traffic
 * costs the same few hundred bytes and minutes add up by adding counts. A percentile is the upper bound of the
 * bucket it falls in (at most about 50 % above the true value); the open bucket reports the largest latency seen.
 * Not thread-safe: {@link TrafficSeries} guards it.
 */
final class LatencyHistogram {

    private static final long[] BOUNDS_MS = {1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750,
            1_000, 1_500, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000, 20_000, 30_000, 60_000};

    private final int[] counts = new int[BOUNDS_MS.length + 1];
    private long total;
    private long maxMs;

    void add(long latencyMs) {
        long ms = Math.max(0, latencyMs);
        int i = 0;
        while (i < BOUNDS_MS.length && ms > BOUNDS_MS[i]) {
            i++;
        }
        counts[i]++;
        total++;
        maxMs = Math.max(maxMs, ms);
    }

    void addAll(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxMs = Math.max(maxMs, other.maxMs);
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
                return i < BOUNDS_MS.length ? Math.min(BOUNDS_MS[i], maxMs) : maxMs;
            }
        }
        return maxMs;
    }
}
