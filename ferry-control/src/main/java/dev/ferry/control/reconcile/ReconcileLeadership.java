package dev.ferry.control.reconcile;

import dev.ferry.core.work.Leases;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which control node's {@link Reconciler} leads: the holder of the lease {@value #LEASE} in the shared store. The
 * node tries to take or renew it every third of its time to live (TTL {@value #DEFAULT_TTL_SECONDS} s by default,
 * so every 5 s); it leads until its last successful renewal's TTL has passed, counted from before the renewal was
 * asked, so it stops leading no later than the database lets another node take over. The others keep trying and
 * the first to find the lease lapsed leads; when it is elected, a node reconciles every app at once. Closing
 * gives the lease up, so a clean stop hands over at once, a {@code kill -9} within the TTL. {@link #alone()} is
 * the one node of an embedded store, which always leads.
 */
public final class ReconcileLeadership implements AutoCloseable {

    /** The lease's name. */
    public static final String LEASE = "reconciler";
    /** How long a renewal of the lease lasts, in seconds, by default. */
    public static final long DEFAULT_TTL_SECONDS = 15;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(DEFAULT_TTL_SECONDS);

    private static final Logger log = LoggerFactory.getLogger(ReconcileLeadership.class);

    private final Optional<Leases> leases;
    private final String node;
    private final Duration ttl;
    private final AtomicBoolean leading = new AtomicBoolean();
    private volatile long leadsUntilNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ferry-reconcile-lease").daemon(true).factory());

    private ReconcileLeadership(Optional<Leases> leases, String node, Duration ttl) {
        this.leases = leases;
        this.node = Objects.requireNonNull(node, "node");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.toMillis() < 3) {
            throw new IllegalArgumentException("the reconciler's lease must last at least 3 ms: " + ttl);
        }
    }

    /** The only control node: it always leads. */
    public static ReconcileLeadership alone() {
        return new ReconcileLeadership(Optional.empty(), "local", DEFAULT_TTL);
    }

    /** Control node {@code node} among several, leading while it holds the lease in {@code leases}. */
    public static ReconcileLeadership shared(Leases leases, String node, Duration ttl) {
        return new ReconcileLeadership(Optional.of(leases), node, ttl);
    }

    /** Whether this node leads now. */
    public boolean leads() {
        return leases.isEmpty() || System.nanoTime() - leadsUntilNanos < 0;
    }

    /** Tries for the lease now and every third of its TTL until {@link #close}; runs {@code onElected} on election. */
    void start(Runnable onElected) {
        if (leases.isEmpty()) {
            return;
        }
        long period = Math.max(1, ttl.toMillis() / 3);
        timer.scheduleWithFixedDelay(() -> tick(onElected), 0, period, TimeUnit.MILLISECONDS);
    }

    private void tick(Runnable onElected) {
        long asked = System.nanoTime();
        try {
            if (leases.get().hold(LEASE, node, ttl)) {
                leadsUntilNanos = asked + ttl.toNanos();
            }
        } catch (RuntimeException e) {
            log.warn("could not renew the reconciler's lease: {}", e.getMessage());
        }
        boolean now = leads();
        if (leading.getAndSet(now) != now) {
            if (now) {
                log.info("this control node ({}) leads the reconciler", node);
                onElected.run();
            } else {
                log.warn("this control node ({}) no longer leads the reconciler", node);
            }
        }
    }

    /** Stops trying and gives the lease up when this node has it. */
    @Override
    public void close() {
        timer.shutdownNow();
        if (leases.isPresent() && leads()) {
            leadsUntilNanos = System.nanoTime();
            try {
                leases.get().release(LEASE, node);
            } catch (RuntimeException e) {
                log.warn("could not give the reconciler's lease up; it lapses within {} s: {}", ttl.toSeconds(),
                        e.getMessage());
            }
        }
    }
}
