package dev.ferry.runtime.logs;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One follower of an app's stream: a bounded queue filled by the appender and emptied by the follower's own
 * virtual thread, which calls the listener. When the queue is full the new line is dropped and counted; the
 * next line that fits carries the count, and the listener gets {@code -- N lines dropped --} (source
 * {@code ferry}, process {@code logs}) just before it. A listener that throws is closed.
 */
final class Follower implements AppLogs.Subscription {

    private static final Logger log = LoggerFactory.getLogger(Follower.class);

    private record Entry(LogLine line, long droppedBefore) {
    }

    private final AppName app;
    private final BlockingQueue<Entry> queue;
    private final Consumer<LogLine> listener;
    private final Consumer<Follower> onClose;
    private final Thread thread;
    /** Guarded by the app stream's lock: only {@link #offer} touches it. */
    private long dropped;
    private volatile boolean closed;

    Follower(AppName app, int capacity, Consumer<LogLine> listener, Consumer<Follower> onClose) {
        this.app = app;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.listener = listener;
        this.onClose = onClose;
        this.thread = Thread.ofVirtual().name("ferry-logs-follow-" + app).unstarted(this::deliver);
    }

    void start() {
        thread.start();
    }

    /** Never blocks; called with the app stream's lock held. */
    void offer(LogLine line) {
        if (closed) {
            return;
        }
        if (queue.offer(new Entry(line, dropped))) {
            dropped = 0;
        } else {
            dropped++;
        }
    }

    private void deliver() {
        try {
            while (!closed) {
                Entry e = queue.take();
                if (e.droppedBefore() > 0) {
                    listener.accept(new LogLine(Instant.now(), app, LogLine.FERRY, "logs",
                            "-- " + e.droppedBefore() + " lines dropped --"));
                }
                listener.accept(e.line());
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            log.debug("a follower of {} failed and is closed: {}", app, e.toString());
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        if (Thread.currentThread() != thread) {
            thread.interrupt();
        }
    }
}
