package dev.ferry.router.proxy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The response deadline of one client connection: the time by which the backend must begin its answer to the
 * request in flight ({@code RouterConfig.responseTimeout}, 30 s by default), then {@code onExpiry} runs.
 *
 * <p>Arming and disarming only set a field; no timer task is scheduled or cancelled per request. One check
 * task is pending at most: when it runs it finds the deadline gone (and stops), still ahead (and schedules
 * itself for the rest) or passed (and expires). A connection serving back-to-back requests thus schedules about
 * one task per timeout period instead of one per request. Threading: the connection's event loop only.
 */
final class ResponseDeadline implements Runnable {

    /** Schedules a task on the connection's event loop; {@code EventLoop::schedule} in production. */
    @FunctionalInterface
    interface Scheduler {
        Future<?> schedule(Runnable task, long delay, TimeUnit unit);
    }

    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final long timeoutNanos;
    private final Runnable onExpiry;
    private long deadline;
    private boolean armed;
    private Future<?> check;

    ResponseDeadline(Scheduler scheduler, LongSupplier nanoClock, Duration timeout, Runnable onExpiry) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.timeoutNanos = timeout.toNanos();
        this.onExpiry = Objects.requireNonNull(onExpiry, "onExpiry");
    }

    /** Starts the timeout now, unless it is already running. */
    void arm() {
        if (armed) {
            return;
        }
        armed = true;
        deadline = nanoClock.getAsLong() + timeoutNanos;
        if (check == null) {
            check = scheduler.schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops the timeout; the pending check, if any, stays and finds nothing to do. */
    void disarm() {
        armed = false;
    }

    boolean isArmed() {
        return armed;
    }

    /** The connection closed: the pending check is cancelled. */
    void close() {
        armed = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    @Override
    public void run() {
        check = null;
        if (!armed) {
            return;
        }
        long left = deadline - nanoClock.getAsLong();
        if (left > 0) {
            check = scheduler.schedule(this, left, TimeUnit.NANOSECONDS);
            return;
        }
        armed = false;
        onExpiry.run();
    }
}
