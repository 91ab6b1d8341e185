package dev.ferry.store.route;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@link RedisRouteMirror}'s work runs: one lock, held while the copy changes or listeners are called (which
 * orders the change stream and keeps one listener's calls from overlapping), and one daemon thread,
 * {@code ferry-redis-routes}, for the work that talks to Redis. Work may also run on the calling thread when the lock
 * is free ({@link #tryHere}): that is how the next change in order is applied with no hand-off.
 */
final class MirrorLane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorLane.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledThreadPoolExecutor thread;
    private final String registry;
    private final Duration callTimeout;

    /**
     * @param registry    the registry's address, for messages
     * @param callTimeout how long {@link #call} waits for the lane's thread before the registry counts as unavailable
     */
    MirrorLane(String registry, Duration callTimeout) {
        this.registry = registry;
        this.callTimeout = callTimeout;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ferry-redis-routes");
            t.setDaemon(true);
            return t;
        });
    }

    /** True on a thread that holds the lane (changing the copy, or inside a listener's callback). */
    boolean held() {
        return lock.isHeldByCurrentThread();
    }

    /** Runs {@code task} every {@code interval} on the lane's thread, under the lock. */
    void every(Duration interval, Runnable task) {
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(() -> locked(task), millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} here, under the lock, when the lock is free; false, with nothing run, when it is busy or the
     * task says it did not do its work (it needs the lane's thread).
     */
    boolean tryHere(BooleanSupplier task) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            return task.getAsBoolean();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} under the lock on the lane's thread (here, when this thread already holds it) and returns its
     * result.
     *
     * @throws RouteRegistryUnavailableException when the lane's thread does not answer within the call timeout
     */
    <T> T call(Callable<T> task) {
        if (held()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> future = thread.submit(() -> {
            lock.lock();
            try {
                return task.call();
            } finally {
                lock.unlock();
            }
        });
        try {
            return future.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RouteRegistryUnavailableException("route registry " + registry + " did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the route registry", e);
        }
    }

    /**
     * Queues {@code task} for the lane's thread, in order, under the lock; a failure is logged at debug level (the
     * periodic check repairs the copy).
     */
    void later(Runnable task) {
        thread.execute(() -> {
            try {
                locked(task);
            } catch (RuntimeException e) {
                LOG.debug("route registry {}: {}", registry, e.toString());
            }
        });
    }

    private void locked(Runnable task) {
        lock.lock();
        try {
            task.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
