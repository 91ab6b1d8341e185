package dev.ferry.core.series;

import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Each app's recent past as a ring of {@code slotsKept} slots of {@code slotWidth} each (a minute for the dashboard's
 * series), the slot of an instant being its epoch time divided by the width, modulo the ring's length. A slot's
 * content {@code S} is made by {@code newSlot} when the first value of its span arrives, and replaced when a newer
 * span of the same place arrives; a value older than what its place holds (a whole ring late) is dropped. The
 * series that keep their minutes here ({@code TrafficSeries}, {@code ResourceSeries}) say what a slot holds.
 *
 * <p>Cost: per followed app an array of {@code slotsKept} references and indexes, plus the slots made; at most
 * {@code maxApps} apps are followed, values of further apps are dropped until one is {@link #forget forgotten}.
 * Threading: any threads; each app's ring is guarded by itself, and {@link #update} and the reads run their
 * callbacks under that lock, so an {@code S} needs no locking of its own.
 *
 * @param <S> what one slot holds: counters, a histogram, sums of samples
 */
public final class PerAppRing<S> {

    /** What a read visits: a slot's first instant and its content. */
    @FunctionalInterface
    public interface SlotVisitor<S> {
        void visit(Instant start, S slot);
    }

    private final int slotsKept;
    private final long widthMillis;
    private final int maxApps;
    private final Supplier<S> newSlot;
    private final Map<AppName, Ring<S>> apps = new ConcurrentHashMap<>();

    /**
     * @param slotsKept how many slots each app keeps (at least 1)
     * @param slotWidth each slot's span, whole milliseconds, at least one
     * @param maxApps   the most apps followed at once (at least 1)
     */
    public PerAppRing(int slotsKept, Duration slotWidth, int maxApps, Supplier<S> newSlot) {
        if (slotsKept < 1 || maxApps < 1) {
            throw new IllegalArgumentException("a ring keeps at least one slot of at least one app");
        }
        if (slotWidth.toMillis() < 1) {
            throw new IllegalArgumentException("a slot is at least 1 ms wide, not " + slotWidth);
        }
        this.slotsKept = slotsKept;
        this.widthMillis = slotWidth.toMillis();
        this.maxApps = maxApps;
        this.newSlot = Objects.requireNonNull(newSlot, "newSlot");
    }

    /** Each slot's span. */
    public Duration slotWidth() {
        return Duration.ofMillis(widthMillis);
    }

    public int slotsKept() {
        return slotsKept;
    }

    /** The index of the slot {@code time} falls in (epoch millis divided by the width, rounded down). */
    public long slotOf(Instant time) {
        return Math.floorDiv(time.toEpochMilli(), widthMillis);
    }

    /** The first instant of slot {@code index}. */
    public Instant startOf(long index) {
        return Instant.ofEpochMilli(index * widthMillis);
    }

    /** Changes the slot of {@code app} that {@code time} falls in, making it first when needed. */
    public void update(AppName app, Instant time, Consumer<S> change) {
        Objects.requireNonNull(app, "app");
        Ring<S> ring = apps.get(app);
        if (ring == null) {
            if (apps.size() >= maxApps) {
                return;
            }
            ring = apps.computeIfAbsent(app, a -> new Ring<>(slotsKept));
        }
        long index = slotOf(time);
        int at = (int) Math.floorMod(index, (long) slotsKept);
        synchronized (ring) {
            if (ring.slots[at] == null || ring.index[at] != index) {
                if (ring.slots[at] != null && ring.index[at] > index) {
                    return; // a whole ring late: its place already holds a newer slot
                }
                ring.slots[at] = newSlot.get();
                ring.index[at] = index;
            }
            change.accept(ring.slot(at));
        }
    }

    /**
     * Visits the slots of {@code app} from index {@code first} to {@code last} (inclusive) that hold something, oldest
     * first; slots older than the ring keeps are not visited.
     */
    public void read(AppName app, long first, long last, SlotVisitor<S> visitor) {
        Ring<S> ring = apps.get(app);
        if (ring == null) {
            return;
        }
        long from = Math.max(first, last - slotsKept + 1);
        synchronized (ring) {
            for (long i = from; i <= last; i++) {
                int at = (int) Math.floorMod(i, (long) slotsKept);
                if (ring.slots[at] != null && ring.index[at] == i) {
                    visitor.visit(startOf(i), ring.slot(at));
                }
            }
        }
    }

    /** Drops what is kept of {@code app} (destroyed), so that a new app of its name starts empty. */
    public void forget(AppName app) {
        apps.remove(app);
    }

    /** Keeps what was kept for {@code from} under {@code to} (a renamed app), in place of anything {@code to} had. */
    public void rename(AppName from, AppName to) {
        Ring<S> ring = apps.remove(from);
        if (ring == null) {
            apps.remove(to);
        } else {
            apps.put(to, ring);
        }
    }

    /** One app's slots and the index each holds, in parallel arrays; guarded by itself. */
    private static final class Ring<S> {
        final long[] index;
        final Object[] slots;

        Ring(int length) {
            index = new long[length];
            slots = new Object[length];
        }

        @SuppressWarnings("unchecked") // only update stores into slots, and only S
        S slot(int at) {
            return (S) slots[at];
        }
    }
}
