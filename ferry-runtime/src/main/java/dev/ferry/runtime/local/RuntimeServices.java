package dev.ferry.runtime.local;

import dev.ferry.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What every instance of a {@link LocalRuntime} shares; built once by it. */
record RuntimeServices(LocalRuntimeConfig config, Sandbox sandbox, ReleaseFiles files, PidFiles pids,
                       RouteKeeper routes, RuntimeEvents events, ScheduledExecutorService scheduler,
                       ExecutorService spawner, AtomicLong sequence) {

    /**
     * Starts a child from the one long-lived spawner thread. Bubblewrap's {@code --die-with-parent} is tied to
     * the thread that forked the child, not the JVM: a child forked from a virtual thread's carrier or a
     * pool thread would be SIGKILLed when that thread ends.
     */
    Process start(ProcessBuilder builder) throws IOException {
        try {
            return spawner.submit(builder::start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("could not start " + builder.command().get(0), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a process", e);
        } catch (RejectedExecutionException e) {
            throw new IOException("the runtime is closed", e);
        }
    }

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
