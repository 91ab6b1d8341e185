package dev.ferry.core.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * What one instance used, as its runtime measured it ({@link InstanceMeter}).
 *
 * @param at          when it was measured
 * @param cpuPercent  CPU time over wall time since the measurement before (or since the instance started), in
 *                    percent of one core: 100 is one core busy, 250 two and a half
 * @param memoryBytes the memory its group holds now (the kernel's count, page cache included)
 */
public record InstanceUsage(Instant at, double cpuPercent, long memoryBytes) {

    public InstanceUsage {
        Objects.requireNonNull(at, "at");
        if (cpuPercent < 0 || memoryBytes < 0) {
            throw new IllegalArgumentException("usage is never negative: cpu " + cpuPercent + ", memory " + memoryBytes);
        }
    }
}
