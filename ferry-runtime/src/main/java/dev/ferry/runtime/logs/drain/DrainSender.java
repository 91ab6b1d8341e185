package dev.ferry.runtime.logs.drain;

import dev.ferry.core.log.LogLine;
import dev.ferry.core.retry.Backoff;
import dev.ferry.core.store.Drain;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drain's queue and sender. {@link #offer} never blocks: a full queue drops its oldest line and counts it.
 * A virtual thread takes batches and sends them; after a failure it drops the connection, waits (backoff from
 * {@link DrainConfig#backoffMin} doubling to {@link DrainConfig#backoffMax}) and sends the same batch again.
 */
final class DrainSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DrainSender.class);

    private final Drain drain;
    private final DrainTarget target;
    private final DrainConfig config;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final ArrayDeque<LogLine> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    /** Sender thread only: a refusal of the target was logged since the last successful send. */
    private boolean refusalLogged;

    DrainSender(Drain drain, DrainTarget target, DrainConfig config) {
        this.drain = drain;
        this.target = target;
        this.config = config;
        this.backoff = Backoff.doubling(config.backoffMin(), config.backoffMax());
        this.thread = Thread.ofVirtual().name("ferry-drain-" + drain.token()).start(this::run);
    }

    Drain drain() {
        return drain;
    }

    void offer(LogLine line) {
        lock.lock();
        try {
            if (queue.size() >= config.queueLines()) {
                queue.removeFirst();
                dropped.incrementAndGet();
            }
            queue.addLast(line);
            nonEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Lines dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Lines the target accepted. */
    long sent() {
        return sent.get();
    }

    private void run() {
        try {
            while (!closed) {
                List<LogLine> batch = takeBatch();
                deliver(batch);
            }
        } catch (InterruptedException e) {
            // closed
        } finally {
            target.shutdown();
        }
    }

    private List<LogLine> takeBatch() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                nonEmpty.await();
            }
            if (target.lingers()) {
                long deadline = System.nanoTime() + config.batchLinger().toNanos();
                long left;
                while (queue.size() < config.batchLines() && (left = deadline - System.nanoTime()) > 0) {
                    nonEmpty.awaitNanos(left);
                }
            }
            List<LogLine> batch = new ArrayList<>(Math.min(queue.size(), config.batchLines()));
            while (!queue.isEmpty() && batch.size() < config.batchLines()) {
                batch.add(queue.removeFirst());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(List<LogLine> batch) throws InterruptedException {
        int failures = 0;
        while (!closed) {
            Duration wait = backoff.delay(failures++);
            try {
                target.send(batch);
                sent.addAndGet(batch.size());
                refusalLogged = false;
                return;
            } catch (DrainTargetRefused e) {
                if (!refusalLogged) {
                    // once per streak: a drain stored before targets were checked, or a name now resolving elsewhere
                    log.warn("drain {} of {} is not sent: {}", drain.url(), drain.app(), e.getMessage());
                    refusalLogged = true;
                }
            } catch (IOException | RuntimeException e) {
                target.close();
                log.debug("drain {} of {} failed, retrying in {}: {}", drain.url(), drain.app(), wait, e.toString());
            }
            TimeUnit.MILLISECONDS.sleep(Math.max(1, wait.toMillis()));
        }
    }

    /** Stops sending; what is still queued is dropped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
