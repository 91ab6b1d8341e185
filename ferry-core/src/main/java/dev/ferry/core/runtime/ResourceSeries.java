package dev.ferry.core.runtime;

import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each app's CPU and memory of the last hour, one {@link ResourceMinute} per minute, kept in memory only (it
 * starts empty with the process), beside the traffic series. A sampler records each app's sum over its instances
 * every few seconds ({@link #record}); the dashboard's charts read whole windows ({@link #minutes}).
 *
 * <p>Cost: per app a ring of {@value #MINUTES_KEPT} slots of about 40 bytes; at most {@code maxApps} apps (default
 * {@value #DEFAULT_MAX_APPS}) are followed, further apps not until one is {@link #forget forgotten}. Threading:
 * any threads.
 */
public final class ResourceSeries {

    /** One hour of minutes. */
    public static final int MINUTES_KEPT = 60;
    public static final int DEFAULT_MAX_APPS = 1_000;

    private final int maxApps;
    private final Map<AppName, Ring> apps = new ConcurrentHashMap<>();

    public ResourceSeries() {
        this(DEFAULT_MAX_APPS);
    }

    /** @param maxApps the most apps followed at once (at least 1) */
    public ResourceSeries(int maxApps) {
        if (maxApps < 1) {
            throw new IllegalArgumentException("maxApps must be at least 1");
        }
        this.maxApps = maxApps;
    }

    /** Counts one sample of {@code app}: its instances' CPU and memory summed, measured at {@code time}. */
    public void record(AppName app, Instant time, double cpuPercent, long memoryBytes) {
        Objects.requireNonNull(app, "app");
        Ring ring = apps.get(app);
        if (ring == null) {
            if (apps.size() >= maxApps) {
                return;
            }
            ring = apps.computeIfAbsent(app, a -> new Ring());
        }
        ring.record(time.getEpochSecond() / 60, cpuPercent, memoryBytes);
    }

    /**
     * The last {@code window} of {@code app} up to the minute of {@code now}, one entry per minute, oldest first;
     * minutes without a sample, and those older than {@value #MINUTES_KEPT} minutes, are unmeasured.
     */
    public List<ResourceMinute> minutes(AppName app, Duration window, Instant now) {
        long count = Math.max(1, Math.ceilDiv(window.toSeconds(), 60));
        long last = now.getEpochSecond() / 60;
        Ring ring = apps.get(app);
        List<ResourceMinute> out = new ArrayList<>((int) Math.min(count, 1_440));
        for (long m = last - count + 1; m <= last; m++) {
            Instant start = Instant.ofEpochSecond(m * 60);
            out.add(ring == null || last - m >= MINUTES_KEPT ? ResourceMinute.unmeasured(start) : ring.minute(m, start));
        }
        return out;
    }

    /** Drops what is kept of {@code app} (destroyed). */
    public void forget(AppName app) {
        apps.remove(app);
    }

    /** Keeps what was sampled for {@code from} under {@code to} (a renamed app). */
    public void rename(AppName from, AppName to) {
        Ring ring = apps.remove(from);
        if (ring == null) {
            apps.remove(to);
        } else {
            apps.put(to, ring);
        }
    }

    /** One app's minutes, indexed by epoch minute modulo their count, in parallel arrays. */
    private static final class Ring {
        private final long[] minute = new long[MINUTES_KEPT];
        private final int[] samples = new int[MINUTES_KEPT];
        private final double[] cpuSum = new double[MINUTES_KEPT];
        private final long[] memoryMax = new long[MINUTES_KEPT];

        synchronized void record(long m, double cpu, long memory) {
            int i = (int) Math.floorMod(m, MINUTES_KEPT);
            if (samples[i] == 0 || minute[i] != m) {
                if (samples[i] > 0 && minute[i] > m) {
                    return; // an hour late: its slot already holds a newer minute
                }
                minute[i] = m;
                samples[i] = 0;
                cpuSum[i] = 0;
                memoryMax[i] = 0;
            }
            samples[i]++;
            cpuSum[i] += Math.max(0, cpu);
            memoryMax[i] = Math.max(memoryMax[i], memory);
        }

        synchronized ResourceMinute minute(long m, Instant start) {
            int i = (int) Math.floorMod(m, MINUTES_KEPT);
            return samples[i] == 0 || minute[i] != m ? ResourceMinute.unmeasured(start)
                    : new ResourceMinute(start, samples[i], cpuSum[i] / samples[i], memoryMax[i]);
        }
    }
}
