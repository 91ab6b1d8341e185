package dev.ferry.runtime.sandbox;

import dev.ferry.core.runtime.InstanceUsage;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One instance's CPU and memory from its cgroup's {@link CgroupCounters}: the CPU percentage is the CPU time used
 * between two reads over the wall time between them, the first read counting from the group's creation (when
 * its counter was 0). Reads closer than {@link #MIN_WINDOW_NANOS} to the last window's start answer that window's
 * percentage again, so that a {@code ferry ps} between two of the dashboard's samples does not shorten them.
 *
 * <p>Threading: any thread.
 */
public final class CgroupGauge {

    /** One second: the shortest window a CPU percentage is taken over. */
    public static final long MIN_WINDOW_NANOS = 1_000_000_000L;

    private final CgroupCounters counters;
    private long windowNanos;
    private long windowMicros;
    private double percent;
    private boolean measured;

    /** @param createdNanos {@link System#nanoTime} when the group was created, its CPU counter 0 */
    public CgroupGauge(CgroupCounters counters, long createdNanos) {
        this.counters = counters;
        this.windowNanos = createdNanos;
    }

    /** What the group uses at {@code now} ({@code nanos} being {@link System#nanoTime} then); empty when unread. */
    public synchronized Optional<InstanceUsage> read(Instant now, long nanos) {
        OptionalLong memory = counters.memoryBytes();
        OptionalLong cpu = counters.cpuMicros();
        if (memory.isEmpty() || cpu.isEmpty()) {
            return Optional.empty();
        }
        long elapsed = nanos - windowNanos;
        if (elapsed > 0 && (elapsed >= MIN_WINDOW_NANOS || !measured)) {
            long used = Math.max(0, cpu.getAsLong() - windowMicros);
            percent = used * 1000.0 * 100.0 / elapsed;
            measured = true;
            windowNanos = nanos;
            windowMicros = cpu.getAsLong();
        }
        return Optional.of(new InstanceUsage(now, percent, memory.getAsLong()));
    }
}
