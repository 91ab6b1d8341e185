package dev.ferry.router.log;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AccessLog}: entries go to a bounded queue (8,192 by default) that one daemon thread
 * drains, writing one line per request to the SLF4J logger {@code ferry.access} at INFO. When the queue is
 * full the entry is dropped and counted ({@link #dropped()}), so the event loop never waits on logging.
 */
public final class Slf4jAccessLog implements AccessLog, AutoCloseable {

    /** The logger name lines are written to. */
    public static final String LOGGER = "ferry.access";
    public static final int DEFAULT_CAPACITY = 8192;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final BlockingQueue<AccessLogEntry> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public Slf4jAccessLog() {
        this(DEFAULT_CAPACITY);
    }

    public Slf4jAccessLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("access log capacity must be at least 1");
        }
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

    /** Writes what is queued (waiting at most two seconds), then stops the writer thread. */
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
        while (true) {
            AccessLogEntry entry;
            try {
                entry = closed ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                if (!closed) {
                    continue;
                }
                entry = queue.poll();
            }
            if (entry != null) {
                write(entry);
            } else if (closed) {
                return;
            }
        }
    }

    private static void write(AccessLogEntry entry) {
        try {
            log.info(entry.toLine());
        } catch (RuntimeException e) {
            // a broken appender must not stop the writer
        }
    }
}
