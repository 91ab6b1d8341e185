package dev.ferry.core.traffic;

import dev.ferry.core.autoscale.LatencySource;
import dev.ferry.core.autoscale.LatencyWindow;
import dev.ferry.core.series.PerAppRing;
import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Each app's traffic of the last day, one {@link TrafficMinute} per minute, kept in memory only (it starts empty
 * with the process): the one series of the router's measurements. The router's access log feeds it ({@link #record},
 * one call per request); the dashboard's charts read whole windows ({@link #minutes}), and the autoscaler reads the
 * count and p95 of a span as a {@link LatencySource} ({@link #latency}).
 *
 * <p>The slots are a minute wide by default; a shorter width (down to a second, for tests whose autoscaler windows
 * are seconds) keeps {@value #MINUTES_KEPT} slots of that width, and then each "minute" of {@link #minutes} is one
 * slot. Latencies are counted in buckets 10 % apart ({@link LatencyHistogram}), so a percentile is within 10 % above
 * the true one. Upgrades (101) count as requests but not as latencies: a WebSocket's time is its life, not a response
 * time.
 *
 * <p>Cost: per app a ring of {@value #MINUTES_KEPT} slots, each about 250 bytes once its minute saw a request (at most
 * about 600 with requests slower than 10 s); at most {@code maxApps} apps (default {@value #DEFAULT_MAX_APPS}) are
 * followed, requests of further apps are not counted until an app is {@link #forget forgotten}. Threading:
 * {@link #record} and the reads may run on any threads.
 */
public final class TrafficSeries implements LatencySource {

    /** One day of minutes. */
    public static final int MINUTES_KEPT = 1_440;
    public static final int DEFAULT_MAX_APPS = 1_000;
    public static final Duration MINUTE = Duration.ofMinutes(1);

    private final PerAppRing<Slot> ring;

    public TrafficSeries() {
        this(DEFAULT_MAX_APPS);
    }

    /** @param maxApps the most apps followed at once (at least 1) */
    public TrafficSeries(int maxApps) {
        this(maxApps, MINUTE);
    }

    /**
     * @param maxApps   the most apps followed at once (at least 1)
     * @param slotWidth each slot's span: a minute, or down to a second for short autoscaler windows in tests
     */
    public TrafficSeries(int maxApps, Duration slotWidth) {
        if (slotWidth.compareTo(Duration.ofSeconds(1)) < 0 || slotWidth.compareTo(MINUTE) > 0) {
            throw new IllegalArgumentException("a traffic slot is 1 second to 1 minute wide, not " + slotWidth);
        }
        this.ring = new PerAppRing<>(MINUTES_KEPT, slotWidth, maxApps, Slot::new);
    }

    /** Each slot's span (a minute unless made shorter). */
    public Duration slotWidth() {
        return ring.slotWidth();
    }

    /**
     * Counts one request of {@code app}.
     *
     * @param time      the slot it counts in: when the response ended
     * @param status    the status sent to the client
     * @param latencyMs from the request head to the end of the response
     */
    public void record(AppName app, Instant time, int status, long latencyMs, long bytesIn, long bytesOut) {
        ring.update(app, time, slot -> slot.add(status, latencyMs, bytesIn, bytesOut, 1));
    }

    /** Counts {@code requests} requests of {@code app} alike, with their bytes summed: a line of a router's report. */
    public void record(AppName app, TrafficReport.Line line) {
        ring.update(app, line.ended(), slot -> slot.add(line.status(), line.latencyMs(), line.bytesIn(), line.bytesOut(),
                line.requests()));
    }

    /**
     * The last {@code window} of {@code app} up to the slot of {@code now}, one entry per slot, oldest first, slots
     * without requests included (empty); at most {@value #MINUTES_KEPT} slots.
     */
    public List<TrafficMinute> minutes(AppName app, Duration window, Instant now) {
        int count = slotsIn(window);
        long last = ring.slotOf(now);
        List<TrafficMinute> out = new ArrayList<>(count);
        for (long m = last - count + 1; m <= last; m++) {
            out.add(TrafficMinute.empty(ring.startOf(m)));
        }
        long first = last - count + 1;
        ring.read(app, first, last, (start, slot) -> out.set((int) (ring.slotOf(start) - first), slot.toMinute(start)));
        return out;
    }

    /** The requests of {@code app} in the last {@code window} up to the slot of {@code now}, summed in one entry. */
    public TrafficMinute summary(AppName app, Duration window, Instant now) {
        long last = ring.slotOf(now);
        long first = last - slotsIn(window) + 1;
        return sum(app, first, last).toMinute(ring.startOf(first));
    }

    /**
     * The count and p95 of the requests of {@code app} whose slots overlap {@code [from, to)}: read to whole slots, so
     * a span may start up to one slot (a minute) earlier; upgrades are not counted.
     */
    @Override
    public LatencyWindow latency(AppName app, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return LatencyWindow.EMPTY;
        }
        Slot sum = sum(app, ring.slotOf(from), ring.slotOf(to.minusMillis(1)));
        long requests = sum.latency.total();
        return requests == 0 ? LatencyWindow.EMPTY
                : new LatencyWindow(requests, Duration.ofMillis(sum.latency.percentile(0.95)));
    }

    /** Drops what is kept of {@code app} (destroyed), so that a new app of its name starts empty. */
    public void forget(AppName app) {
        ring.forget(app);
    }

    /** Keeps what was counted for {@code from} under {@code to} (a renamed app), in place of anything {@code to} had. */
    public void rename(AppName from, AppName to) {
        ring.rename(from, to);
    }

    private Slot sum(AppName app, long first, long last) {
        Slot sum = new Slot();
        ring.read(app, first, last, (start, slot) -> sum.add(slot));
        return sum;
    }

    private int slotsIn(Duration window) {
        long slots = Math.ceilDiv(window.toMillis(), ring.slotWidth().toMillis());
        if (slots < 1 || slots > MINUTES_KEPT) {
            throw new IllegalArgumentException(ring.slotWidth().equals(MINUTE)
                    ? "a traffic window is 1 minute to 1 day, not " + window
                    : "a traffic window is 1 to " + MINUTES_KEPT + " slots of " + ring.slotWidth() + ", not " + window);
        }
        return (int) slots;
    }

    /** One slot's counts; guarded by the ring's lock. */
    private static final class Slot {
        final long[] byClass = new long[5];
        long bytesIn;
        long bytesOut;
        final LatencyHistogram latency = new LatencyHistogram();

        void add(int status, long latencyMs, long in, long out, long requests) {
            byClass[Math.min(5, Math.max(1, status / 100)) - 1] += requests;
            bytesIn += Math.max(0, in);
            bytesOut += Math.max(0, out);
            if (status != 101) {
                latency.add(latencyMs, requests);
            }
        }

        void add(Slot other) {
            for (int i = 0; i < byClass.length; i++) {
                byClass[i] += other.byClass[i];
            }
            bytesIn += other.bytesIn;
            bytesOut += other.bytesOut;
            latency.addAll(other.latency);
        }

        TrafficMinute toMinute(Instant start) {
            return new TrafficMinute(start, byClass[0], byClass[1], byClass[2], byClass[3], byClass[4], bytesIn,
                    bytesOut, latency.percentile(0.50), latency.percentile(0.95), latency.percentile(0.99));
        }
    }
}
