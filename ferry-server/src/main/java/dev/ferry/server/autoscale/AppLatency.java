package dev.ferry.server.autoscale;

import dev.ferry.core.autoscale.LatencySource;
import dev.ferry.core.autoscale.LatencyWindow;
import dev.ferry.core.store.AppName;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.log.AccessLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The router's response times per app over the recent past, for the autoscaler: a sink of the router's
 * {@link dev.ferry.router.log.QueuedAccessLog} that counts each request (by the time it ended) into a histogram of
 * its app and time slot, and answers the count and p95 of any span within the {@code horizon}
 * ({@link #latency}).
 *
 * <p>Bounded memory: per app a ring of at most {@value #MAX_SLOTS} slots (each {@code horizon / 60}, at least
 * {@value #MIN_SLOT_MILLIS} ms; 5 s for the autoscaler's default 5 min), each made only when a request ends in it, of
 * {@value #BUCKETS} counters whose bounds grow by 10 % from 1 ms to 60 s (about 30 KB for an app busy all the time,
 * nothing for an app without requests in the horizon, which is forgotten). The p95 is the middle of its bucket,
 * so within 5 % of the exact one; a span is read to whole slots, so it may start up to one slot earlier.
 * Counted: every request with an app, whatever its status, except upgrades (101: a WebSocket's time is its life, not
 * a response time); not counted: requests for no app (404 {@code no_such_app}).
 *
 * <p>Threading: {@link #log} runs on the access log's writer thread; {@link #latency} from any thread.
 */
public final class AppLatency implements AccessLog, LatencySource {

    static final int BUCKETS = 117;
    static final int MAX_SLOTS = 62;
    static final long MIN_SLOT_MILLIS = 1000;
    private static final double GROWTH = 1.1;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    /** One app's ring of slots; guarded by itself. */
    private static final class Series {
        final long[] slotIndex;
        final int[][] counts;
        long newest = Long.MIN_VALUE / 2; // no slot yet, far enough from overflow

        Series(int slots) {
            slotIndex = new long[slots];
            counts = new int[slots][];
        }
    }

    private final Function<String, Optional<AppName>> appOfHost;
    private final long slotMillis;
    private final int slots;
    private final Map<AppName, Series> apps = new ConcurrentHashMap<>();
    private long lastSweep = Long.MIN_VALUE;

    /**
     * @param appOfHost the app a request host belongs to ({@link dev.ferry.server.logs.AppOfHost})
     * @param horizon   how far back {@link #latency} must answer: the autoscaler's longest window
     */
    public AppLatency(Function<String, Optional<AppName>> appOfHost, Duration horizon) {
        this.appOfHost = Objects.requireNonNull(appOfHost, "appOfHost");
        this.slotMillis = Math.max(MIN_SLOT_MILLIS, (horizon.toMillis() + MAX_SLOTS - 3) / (MAX_SLOTS - 2));
        this.slots = (int) Math.min(MAX_SLOTS, horizon.toMillis() / slotMillis + 2);
    }

    @Override
    public void log(AccessLogEntry entry) {
        if (entry.status() == 101 || (entry.status() == 404 && entry.backendMs() < 0)) {
            return;
        }
        Optional<AppName> app = appOfHost.apply(entry.host());
        if (app.isEmpty()) {
            return;
        }
        long ended = entry.time().toEpochMilli() + Math.max(0, entry.totalMs());
        record(app.get(), ended, entry.totalMs());
    }

    /** Counts one request of {@code app} that ended at {@code endedMillis} (epoch) after {@code millis}. */
    void record(AppName app, long endedMillis, long millis) {
        long index = Math.floorDiv(endedMillis, slotMillis);
        sweep(index);
        Series s = apps.computeIfAbsent(app, k -> new Series(slots));
        synchronized (s) {
            if (index <= s.newest - slots) {
                return; // older than the horizon
            }
            int at = (int) Math.floorMod(index, (long) slots);
            if (s.counts[at] == null) {
                s.counts[at] = new int[BUCKETS];
            } else if (s.slotIndex[at] != index) {
                java.util.Arrays.fill(s.counts[at], 0);
            }
            s.slotIndex[at] = index;
            s.counts[at][bucket(millis)]++;
            s.newest = Math.max(s.newest, index);
        }
    }

    @Override
    public LatencyWindow latency(AppName app, Instant from, Instant to) {
        Series s = apps.get(app);
        if (s == null || !to.isAfter(from)) {
            return LatencyWindow.EMPTY;
        }
        long first = Math.floorDiv(from.toEpochMilli(), slotMillis);
        long last = Math.floorDiv(to.toEpochMilli() - 1, slotMillis);
        long[] sum = new long[BUCKETS];
        long requests = 0;
        synchronized (s) {
            for (int at = 0; at < slots; at++) {
                if (s.counts[at] != null && s.slotIndex[at] >= first && s.slotIndex[at] <= last) {
                    for (int b = 0; b < BUCKETS; b++) {
                        sum[b] += s.counts[at][b];
                        requests += s.counts[at][b];
                    }
                }
            }
        }
        if (requests == 0) {
            return LatencyWindow.EMPTY;
        }
        long rank = (long) Math.ceil(requests * 0.95);
        long seen = 0;
        int b = 0;
        while (b < BUCKETS - 1 && (seen += sum[b]) < rank) {
            b++;
        }
        return new LatencyWindow(requests, Duration.ofMillis(middle(b)));
    }

    /** The bucket of a time: 0 up to 1 ms, then bucket {@code i} up to 1.1^i ms; the last one is 60 s and above. */
    static int bucket(long millis) {
        if (millis <= 1) {
            return 0;
        }
        return (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(millis) / LOG_GROWTH - 1e-9));
    }

    /** The time a bucket stands for: the geometric middle of its bounds, so within 5 % of any time in it. */
    static long middle(int bucket) {
        return bucket == 0 ? 1 : Math.round(Math.pow(GROWTH, bucket - 0.5));
    }

    /** Once per slot, forgets the apps without a request in the horizon (destroyed, renamed or idle ones). */
    private void sweep(long index) {
        if (index <= lastSweep) {
            return;
        }
        lastSweep = index;
        apps.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().newest <= index - slots;
            }
        });
    }
}
