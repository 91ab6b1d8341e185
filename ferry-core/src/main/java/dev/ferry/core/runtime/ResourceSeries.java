package dev.ferry.core.runtime;

import dev.ferry.core.series.PerAppRing;
import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Each app's CPU and memory of the last hour, one {@link ResourceMinute} per minute, kept in memory only (it
 * starts empty with the process), beside the traffic series and in the same kind of ring ({@link PerAppRing}). A
 * sampler records each app's sum over its instances every few seconds ({@link #record}); the dashboard's charts read
 * whole windows ({@link #minutes}).
 *
 * <p>Cost: per app a ring of {@value #MINUTES_KEPT} slots of about 40 bytes; at most {@code maxApps} apps (default
 * {@value #DEFAULT_MAX_APPS}) are followed, further apps not until one is {@link #forget forgotten}. Threading:
 * any threads.
 */
public final class ResourceSeries {

    /** One hour of minutes. */
    public static final int MINUTES_KEPT = 60;
    public static final int DEFAULT_MAX_APPS = 1_000;

    private final PerAppRing<Samples> ring;

    public ResourceSeries() {
        this(DEFAULT_MAX_APPS);
    }

    /** @param maxApps the most apps followed at once (at least 1) */
    public ResourceSeries(int maxApps) {
        this.ring = new PerAppRing<>(MINUTES_KEPT, Duration.ofMinutes(1), maxApps, Samples::new);
    }

    /** Counts one sample of {@code app}: its instances' CPU and memory summed, measured at {@code time}. */
    public void record(AppName app, Instant time, double cpuPercent, long memoryBytes) {
        ring.update(app, time, s -> s.add(cpuPercent, memoryBytes));
    }

    /**
     * The last {@code window} of {@code app} up to the minute of {@code now}, one entry per minute, oldest first;
     * minutes without a sample, and those older than {@value #MINUTES_KEPT} minutes, are unmeasured.
     */
    public List<ResourceMinute> minutes(AppName app, Duration window, Instant now) {
        int count = (int) Math.min(1_440, Math.max(1, Math.ceilDiv(window.toSeconds(), 60)));
        long last = ring.slotOf(now);
        long first = last - count + 1;
        List<ResourceMinute> out = new ArrayList<>(count);
        for (long m = first; m <= last; m++) {
            out.add(ResourceMinute.unmeasured(ring.startOf(m)));
        }
        ring.read(app, first, last, (start, s) -> out.set((int) (ring.slotOf(start) - first),
                new ResourceMinute(start, s.samples, s.cpuSum / s.samples, s.memoryMax)));
        return out;
    }

    /** Drops what is kept of {@code app} (destroyed). */
    public void forget(AppName app) {
        ring.forget(app);
    }

    /** Keeps what was sampled for {@code from} under {@code to} (a renamed app). */
    public void rename(AppName from, AppName to) {
        ring.rename(from, to);
    }

    /** One minute's samples; guarded by the ring's lock. */
    private static final class Samples {
        int samples;
        double cpuSum;
        long memoryMax;

        void add(double cpu, long memory) {
            samples++;
            cpuSum += Math.max(0, cpu);
            memoryMax = Math.max(memoryMax, memory);
        }
    }
}
