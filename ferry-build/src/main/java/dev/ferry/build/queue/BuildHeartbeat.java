package dev.ferry.build.queue;

import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildHeartbeats;
import dev.ferry.core.store.StoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build queue's side of several control nodes on one store: every {@code interval} (5 s by default) this
 * node marks its queued and running builds alive, and fails the builds of any other node that did not mark
 * its own for {@code timeout} (30 s by default; the pusher of such a build lost its connection with that node
 * anyway, and only that node holds the pushed objects, so the build cannot be run elsewhere). A store that is
 * unreachable for a while is retried at the next tick. Not used with the embedded store (one node).
 */
public final class BuildHeartbeat implements AutoCloseable {

    /** How often this node marks its builds alive and looks for stalled ones. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** How long without a mark before another node's build is failed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(BuildHeartbeat.class);

    private final BuildHeartbeats builds;
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ferry-build-heartbeat").daemon(true).factory());

    public BuildHeartbeat(BuildHeartbeats builds, Duration interval, Duration timeout) {
        this.builds = Objects.requireNonNull(builds, "builds");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the heartbeat's timeout (" + timeout + ") must be at least twice its"
                    + " positive interval (" + interval + ")");
        }
    }

    /** Beats now and then every interval until {@link #close}. */
    public BuildHeartbeat start() {
        timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            builds.beat();
            for (Build failed : builds.failStalled(timeout)) {
                log.warn("failed build {} of {}: {}", failed.id(), failed.app(), failed.failure().orElse(""));
            }
        } catch (StoreException e) {
            log.warn("could not mark this node's builds alive: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("the build heartbeat failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
