package dev.ferry.server.usage;

import dev.ferry.core.usage.TrafficCount;
import dev.ferry.core.usage.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the platform's usage records while it runs, on one timer thread ({@code ferry-usage}): at start it closes
 * the runs a killed Ferry left open ({@link UsageStore#closeInterrupted}); every {@link #OBSERVE_EVERY} (500 ms)
 * it compares the runtime's instances with the recorded runs ({@link InstanceLifetimes}) and sets the instances
 * gauges; every {@link #FLUSH_EVERY} (60 s) it writes the router traffic counted since the last flush
 * ({@link TrafficMeter}) in one transaction and marks the open runs as still running. {@link #close} flushes once
 * more and ends the open runs. A failed write is logged and its traffic kept for the next flush.
 */
public final class UsageRecorder implements AutoCloseable {

    public static final Duration OBSERVE_EVERY = Duration.ofMillis(500);
    public static final Duration FLUSH_EVERY = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final UsageStore usage;
    private final TrafficMeter traffic;
    private final Optional<InstanceLifetimes> instances;
    private final AppTrafficMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-usage");
        t.setDaemon(true);
        return t;
    });

    /** @param instances empty when no runtime runs instances here */
    public UsageRecorder(UsageStore usage, TrafficMeter traffic, Optional<InstanceLifetimes> instances,
                         AppTrafficMetrics metrics, Clock clock) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.instances = Objects.requireNonNull(instances, "instances");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Closes interrupted runs, then starts the timer. */
    public UsageRecorder start() {
        int closed = usage.closeInterrupted();
        if (closed > 0) {
            log.info("closed {} instance run(s) left open by the last stop of Ferry at their last mark", closed);
        }
        timer.scheduleWithFixedDelay(this::observe, 0, OBSERVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::flush, FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Writes what is counted now, on the timer thread, and waits for it (what tests and {@link #close} use). */
    public void flushNow() {
        try {
            timer.submit(() -> {
                observe();
                flush();
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("could not flush usage records: {}", e.toString());
        }
    }

    @Override
    public void close() {
        flushNow();
        try {
            timer.submit(() -> instances.ifPresent(InstanceLifetimes::stopAll)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("could not end the open instance runs: {}", e.toString());
        }
        timer.shutdownNow();
    }

    private void observe() {
        try {
            instances.ifPresent(i -> {
                metrics.instances(i.observe());
            });
        } catch (RuntimeException e) {
            log.warn("could not record instance lifetimes: {}", e.toString());
        }
    }

    private void flush() {
        List<TrafficCount> batch = traffic.take();
        try {
            usage.addTraffic(batch);
        } catch (RuntimeException e) {
            traffic.putBack(batch);
            log.warn("could not write usage records (kept for the next flush): {}", e.toString());
        }
        try {
            usage.stillRunning(clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not mark the running instances: {}", e.toString());
        }
    }
}
