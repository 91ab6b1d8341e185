package dev.ferry.core.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One minute of an app's CPU and memory in a {@link ResourceSeries}: the mean of its samples' CPU and the most
 * memory one of them saw, each sample being the sum over the app's instances.
 *
 * @param start       the minute's first second
 * @param samples     how many samples measured it; 0 when none did ("not measured", the other values 0)
 * @param cpuPercent  the mean CPU of the app's instances, in percent of one core
 * @param memoryBytes the most memory the app's instances held together
 */
public record ResourceMinute(Instant start, int samples, double cpuPercent, long memoryBytes) {

    public ResourceMinute {
        Objects.requireNonNull(start, "start");
    }

    /** A minute no sample measured. */
    public static ResourceMinute unmeasured(Instant start) {
        return new ResourceMinute(start, 0, 0, 0);
    }

    public boolean measured() {
        return samples > 0;
    }
}
