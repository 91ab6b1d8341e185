package dev.ferry.core.access;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SessionRegistry} for a process that hears no announcements (a separate {@code ferry gateway}): every
 * {@code interval} (default {@value #DEFAULT_INTERVAL_MILLIS} ms) it rechecks each session, each on its own virtual
 * thread and never two rechecks of one session at once, and closes a session whose recheck answers false. A
 * recheck that fails (the control API cannot be reached) keeps the session: the data plane does not stop serving
 * because the control plane is away, and the next round asks again.
 *
 * <p>So a revocation reaches such a session within {@code interval} plus one recheck's round trip. Lifecycle:
 * construct, use, {@link #close()}.
 */
public final class RevalidatedSessions implements SessionRegistry, AutoCloseable {

    public static final long DEFAULT_INTERVAL_MILLIS = 1_000;

    private final Set<Entry> live = ConcurrentHashMap.newKeySet();
    private final OpenSessions.Listener listener;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-session-recheck");
        t.setDaemon(true);
        return t;
    });

    private record Entry(SessionGrant grant, Recheck recheck, Closer closer, AtomicBoolean checking,
                         AtomicBoolean closed) {
    }

    public RevalidatedSessions(Duration interval, OpenSessions.Listener listener) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("the recheck interval must be at least 1 ms");
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        timer.scheduleWithFixedDelay(this::recheckAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Registration open(SessionGrant grant, Recheck recheck, Closer closer) {
        Entry entry = new Entry(Objects.requireNonNull(grant, "grant"), Objects.requireNonNull(recheck, "recheck"),
                Objects.requireNonNull(closer, "closer"), new AtomicBoolean(), new AtomicBoolean());
        live.add(entry);
        return () -> live.remove(entry);
    }

    private void recheckAll() {
        for (Entry e : List.copyOf(live)) {
            if (e.checking().compareAndSet(false, true)) {
                Thread.ofVirtual().name("ferry-recheck").start(() -> recheck(e));
            }
        }
    }

    private void recheck(Entry e) {
        try {
            if (!e.recheck().stillAllowed() && e.closed().compareAndSet(false, true)) {
                live.remove(e);
                String reason = "its authorisation was withdrawn";
                try {
                    e.closer().close(reason);
                } finally {
                    listener.closed(e.grant(), reason);
                }
            }
        } catch (RuntimeException unknown) {
            // kept until a recheck can answer
        } finally {
            e.checking().set(false);
        }
    }

    /** Sessions registered now. */
    public int count() {
        return live.size();
    }

    /** Stops rechecking; registered sessions are left as they are. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
