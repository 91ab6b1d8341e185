package dev.ferry.router.handler;

import java.util.LinkedHashSet;

/**
 * The open connections of one client address, oldest first. Not thread-safe by itself: the
 * {@link ConnectionLimiter} touches it only inside its map's {@code compute} for that address, which serializes
 * access; {@link #size()} may also be read outside, as a hint.
 */
final class ClientConnections {

    private final LinkedHashSet<ConnectionSlot> slots = new LinkedHashSet<>();
    private volatile int size;

    int size() {
        return size;
    }

    void add(ConnectionSlot slot) {
        slots.add(slot);
        size = slots.size();
    }

    void remove(ConnectionSlot slot) {
        slots.remove(slot);
        size = slots.size();
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    /**
     * Evicts and removes the connection idle the longest; null when none is idle. A connection that turns busy
     * while this looks is skipped.
     */
    ConnectionSlot evictOldestIdle() {
        while (true) {
            ConnectionSlot oldest = null;
            for (ConnectionSlot s : slots) {
                if (s.isIdle() && (oldest == null || s.idleSinceNanos() - oldest.idleSinceNanos() < 0)) {
                    oldest = s;
                }
            }
            if (oldest == null) {
                return null;
            }
            if (oldest.evictIfIdle()) {
                remove(oldest);
                return oldest;
            }
        }
    }
}
