package dev.ferry.core.traffic;

import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each app's traffic of the last day, one {@link TrafficMinute} per minute, kept in memory only (it starts empty
 * with the process). The router's access log feeds it ({@link #record}, one call per request); the dashboard's
 * charts read whole windows ({@link #minutes}), and anything that needs an app's latency over a window, such as an
 * autoscaler's p95, reads one {@link #summary}.
 *
 * <p>Cost: per app a ring of {@value #MINUTES_KEPT} slots, each a few hundred bytes once its minute saw a request;
 * at most {@code maxApps} apps (default {@value #DEFAULT_MAX_APPS}) are followed, requests of further apps are not
 * counted until an app is {@link #forget forgotten}. Threading: {@link #record} and the reads may run on any threads.
 */
public final class TrafficSeries {

    /** One day of minutes. */
    public static final int MINUTES_KEPT = 1_440;
    public static final int DEFAULT_MAX_APPS = 1_000;

    private final int maxApps;
    private final Map<AppName, Ring> apps = new ConcurrentHashMap<>();

    public TrafficSeries() {
        this(DEFAULT_MAX_APPS);
    }

    /** @param maxApps the most apps followed at once (at least 1) */
    public TrafficSeries(int maxApps) {
        if (maxApps < 1) {
            throw new IllegalArgumentException("maxApps must be at least 1");
        }
        this.maxApps = maxApps;
    }

    /**
     * Counts one request of {@code app}.
     *
     * @param time      when the request head arrived
     * @param status    the status sent to the client
     * @param latencyMs from the request head to the end of the response
     */
    public void record(AppName app, Instant time, int status, long latencyMs, long bytesIn, long bytesOut) {
        Objects.requireNonNull(app, "app");
        Ring ring = apps.get(app);
        if (ring == null) {
            if (apps.size() >= maxApps) {
                return;
            }
            ring = apps.computeIfAbsent(app, a -> new Ring());
        }
        ring.record(time.getEpochSecond() / 60, status, latencyMs, bytesIn, bytesOut);
    }

    /**
     * The last {@code window} of {@code app} up to the minute of {@code now}, one entry per minute, oldest first,
     * minutes without requests included (empty); at most {@value #MINUTES_KEPT} minutes.
     */
    public List<TrafficMinute> minutes(AppName app, Duration window, Instant now) {
        int count = minutesIn(window);
        long last = now.getEpochSecond() / 60;
        Ring ring = apps.get(app);
        List<TrafficMinute> out = new ArrayList<>(count);
        for (long m = last - count + 1; m <= last; m++) {
            out.add(ring == null ? TrafficMinute.empty(Instant.ofEpochSecond(m * 60)) : ring.minute(m));
        }
        return out;
    }

    /** The requests of {@code app} in the last {@code window} up to the minute of {@code now}, summed in one entry. */
    public TrafficMinute summary(AppName app, Duration window, Instant now) {
        int count = minutesIn(window);
        long last = now.getEpochSecond() / 60;
        Ring ring = apps.get(app);
        Instant start = Instant.ofEpochSecond((last - count + 1) * 60);
        return ring == null ? TrafficMinute.empty(start) : ring.sum(last - count + 1, last, start);
    }

    /** Drops what is kept of {@code app} (destroyed), so that a new app of its name starts empty. */
    public void forget(AppName app) {
        apps.remove(app);
    }

    /** Keeps what was counted for {@code from} under {@code to} (a renamed app), in place of anything {@code to} had. */
    public void rename(AppName from, AppName to) {
        Ring ring = apps.remove(from);
        if (ring == null) {
            apps.remove(to);
        } else {
            apps.put(to, ring);
        }
    }

    private static int minutesIn(Duration window) {
        long minutes = Math.ceilDiv(window.toSeconds(), 60);
        if (minutes < 1 || minutes > MINUTES_KEPT) {
            throw new IllegalArgumentException("a traffic window is 1 minute to 1 day, not " + window);
        }
        return (int) minutes;
    }

    /** One app's minutes in a ring indexed by epoch minute modulo its length. */
    private static final class Ring {
        private final Slot[] slots = new Slot[MINUTES_KEPT];

        synchronized void record(long minute, int status, long latencyMs, long bytesIn, long bytesOut) {
            int i = (int) Math.floorMod(minute, MINUTES_KEPT);
            Slot slot = slots[i];
            if (slot == null || slot.minute != minute) {
                if (slot != null && slot.minute > minute) {
                    return; // a day late: its slot already holds a newer minute
                }
                slot = new Slot(minute);
                slots[i] = slot;
            }
            int statusClass = Math.min(5, Math.max(1, status / 100));
            slot.byClass[statusClass - 1]++;
            slot.bytesIn += Math.max(0, bytesIn);
            slot.bytesOut += Math.max(0, bytesOut);
            slot.latency.add(latencyMs);
        }

        synchronized TrafficMinute minute(long minute) {
            Slot slot = slots[(int) Math.floorMod(minute, MINUTES_KEPT)];
            Instant start = Instant.ofEpochSecond(minute * 60);
            return slot == null || slot.minute != minute ? TrafficMinute.empty(start) : slot.toMinute(start);
        }

        synchronized TrafficMinute sum(long first, long last, Instant start) {
            Slot sum = new Slot(first);
            for (long m = first; m <= last; m++) {
                Slot slot = slots[(int) Math.floorMod(m, MINUTES_KEPT)];
                if (slot != null && slot.minute == m) {
                    sum.add(slot);
                }
            }
            return sum.toMinute(start);
        }
    }

    private static final class Slot {
        final long minute;
        final long[] byClass = new long[5];
        long bytesIn;
        long bytesOut;
        final LatencyHistogram latency = new LatencyHistogram();

        Slot(long minute) {
            this.minute = minute;
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
