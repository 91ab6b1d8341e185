package dev.ferry.router.route;

import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.RouteTableFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists the live table to the snapshot file, at most once per debounce delay after changes and once
 * more on close, on its own daemon thread so that neither the data plane nor the registry waits on disk.
 * A write that fails is logged and retried at the next change.
 */
final class SnapshotWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWriter.class);

    private final Path file;
    private final long delayMillis;
    private final Supplier<RouteTable> source;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService executor;
    private volatile boolean dirty;

    SnapshotWriter(Path file, Duration delay, Supplier<RouteTable> source) {
        this.file = file;
        this.delayMillis = delay.toMillis();
        this.source = source;
        this.executor = file == null ? null : Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("ferry-route-snapshot").unstarted(r));
    }

    /** The table changed: write it after the debounce delay. */
    void changed() {
        if (file == null) {
            return;
        }
        dirty = true;
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.schedule(this::write, delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                scheduled.set(false);
            }
        }
    }

    private synchronized void write() {
        scheduled.set(false);
        if (!dirty) {
            return;
        }
        dirty = false;
        try {
            RouteTableFile.write(file, source.get());
        } catch (RuntimeException e) {
            dirty = true;
            log.warn("cannot persist the route table snapshot: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (file == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write();
    }
}
