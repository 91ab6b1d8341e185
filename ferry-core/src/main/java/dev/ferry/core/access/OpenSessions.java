package dev.ferry.core.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sessions of one process, closed when an announced {@link AccessChange} took their authorisation away: the
 * {@link SessionRegistry} and the {@link AccessChanges} of {@code ferry up}. {@link #announce} rechecks each
 * session the change {@linkplain AccessChange#concerns concerns} and closes those no longer allowed before it
 * returns, so a session is cut by the time the API call that revoked it answers. A recheck that fails is taken
 * as a refusal: the change was just committed, so the store is where the doubt lies, and a session that cannot be
 * shown to be allowed is not kept.
 *
 * <p>Thread-safe: sessions register and deregister from any thread; announcements may run concurrently, and a
 * session is closed at most once.
 */
public final class OpenSessions implements SessionRegistry, AccessChanges {

    /** Told of every session closed, for the log. */
    @FunctionalInterface
    public interface Listener {
        /** Logs nothing. */
        Listener NONE = (grant, reason) -> { };

        void closed(SessionGrant grant, String reason);
    }

    private final Set<Entry> live = ConcurrentHashMap.newKeySet();
    private final Listener listener;

    public OpenSessions(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    private record Entry(SessionGrant grant, Recheck recheck, Closer closer, AtomicBoolean closed) {
    }

    @Override
    public Registration open(SessionGrant grant, Recheck recheck, Closer closer) {
        Entry entry = new Entry(Objects.requireNonNull(grant, "grant"), Objects.requireNonNull(recheck, "recheck"),
                Objects.requireNonNull(closer, "closer"), new AtomicBoolean());
        live.add(entry);
        return () -> live.remove(entry);
    }

    @Override
    public void announce(AccessChange change) {
        Objects.requireNonNull(change, "change");
        for (Entry e : List.copyOf(live)) {
            if (change.concerns(e.grant()) && !allowed(e) && e.closed().compareAndSet(false, true)) {
                live.remove(e);
                try {
                    e.closer().close(change.reason());
                } finally {
                    listener.closed(e.grant(), change.reason());
                }
            }
        }
    }

    private static boolean allowed(Entry e) {
        try {
            return e.recheck().stillAllowed();
        } catch (RuntimeException failed) {
            return false;
        }
    }

    /** Sessions registered now. */
    public int count() {
        return live.size();
    }
}
