package dev.ferry.router.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AccessLog} the router's event loops call: {@link #log} only offers the entry to a bounded queue
 * (8,192 by default) and returns; one daemon thread, {@code ferry-access-log}, takes entries in batches and hands
 * each to the sinks in order ({@link Slf4jAccessLog}, each app's log stream). Formatting, locks, disk and store
 * lookups all happen on that thread, never on an event loop. When the queue is full the entry is dropped and
 * counted ({@link #dropped()}); a sink that throws is skipped for that entry and the others still get it.
 */
public final class QueuedAccessLog implements AccessLog, AutoCloseable {

    public static final int DEFAULT_CAPACITY = 8192;
    private static final int BATCH = 256;
    private static final Logger log = LoggerFactory.getLogger(QueuedAccessLog.class);

    private final List<AccessLog> sinks;
    private final BlockingQueue<AccessLogEntry> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public QueuedAccessLog(List<AccessLog> sinks) {
        this(sinks, DEFAULT_CAPACITY);
    }

    /**
     * @param sinks    called on the writer thread, in this order, with every entry; they may block briefly
     * @param capacity entries waiting at most; more are dropped and counted
     */
    public QueuedAccessLog(List<AccessLog> sinks, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("access log capacity must be at least 1");
        }
        this.sinks = List.copyOf(Objects.requireNonNull(sinks, "sinks"));
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, "ferry-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void log(AccessLogEntry entry) {
        if (closed || !queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    /** Entries dropped because the queue was full (or the log closed). */
    public long dropped() {
        return dropped.get();
    }

    /** Hands what is queued to the sinks (waiting at most two seconds), then stops the writer thread. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<AccessLogEntry> batch = new ArrayList<>(BATCH);
        while (true) {
            AccessLogEntry first;
            try {
                first = closed ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                if (!closed) {
                    continue;
                }
                first = queue.poll();
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            for (AccessLogEntry entry : batch) {
                hand(entry);
            }
            batch.clear();
        }
    }

    private void hand(AccessLogEntry entry) {
        for (AccessLog sink : sinks) {
            try {
                sink.log(entry);
            } catch (RuntimeException e) {
                log.debug("an access log sink failed: {}", e.toString());
            }
        }
    }
}
