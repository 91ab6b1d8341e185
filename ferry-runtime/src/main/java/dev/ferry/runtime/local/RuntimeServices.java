package dev.ferry.runtime.local;

import dev.ferry.runtime.sandbox.Sandbox;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What every instance of a {@link LocalRuntime} shares; built once by it. */
record RuntimeServices(LocalRuntimeConfig config, Sandbox sandbox, ReleaseFiles files, PidFiles pids,
                       RouteKeeper routes, RuntimeEvents events, ScheduledExecutorService scheduler,
                       AtomicLong sequence) {

    /** A unique id for an instance's directory, cgroup and pid file: {@code web.1-17}. */
    String nextId(String name) {
        return name + "-" + sequence.incrementAndGet();
    }

    /** Runs {@code task} on a fresh virtual thread after {@code delay}: blocking work never holds the timer. */
    ScheduledFuture<?> later(Duration delay, Runnable task) {
        return scheduler.schedule(() -> Thread.ofVirtual().start(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on a virtual thread every {@code period}. */
    ScheduledFuture<?> every(Duration period, Runnable task) {
        return scheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().start(task), period.toMillis(),
                period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
