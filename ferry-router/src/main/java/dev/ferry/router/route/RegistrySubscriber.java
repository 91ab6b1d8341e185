package dev.ferry.router.route;

import dev.ferry.core.retry.Backoff;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a subscription to the registry alive on its own daemon thread, so a registry that hangs or throws
 * never blocks the router. When {@code subscribe()} throws or the registry reports a failure, the last
 * table stays in service and the subscriber tries again after a backoff that doubles from 200 ms up to
 * 10 s, resetting once a snapshot arrives. Callbacks of an abandoned subscription are ignored.
 */
final class RegistrySubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistrySubscriber.class);
    /** 200 ms doubling up to 10 s. */
    static final Backoff BACKOFF = Backoff.DEFAULT;

    /** Where accepted callbacks go; calls are serialised by the caller's own lock. */
    interface Sink {
        void snapshot(RouteTable table);

        void change(RouteChange change);
    }

    private final RouteRegistry registry;
    private final Sink sink;
    private final Semaphore failed = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;
    private volatile int generation;
    private volatile boolean outage;
    /** Failed subscriptions since the last snapshot. */
    private volatile int failuresInRow;

    RegistrySubscriber(RouteRegistry registry, Sink sink) {
        this.registry = registry;
        this.sink = sink;
        this.thread = Thread.ofPlatform().daemon().name("ferry-route-subscriber").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            failed.drainPermits();
            int gen = ++generation;
            RouteRegistry.Subscription subscription = null;
            try {
                subscription = registry.subscribe(new Listener(gen));
                failed.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                registryFailed(gen, e);
            } finally {
                generation++;
                closeQuietly(subscription);
            }
            if (closed || Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                Thread.sleep(BACKOFF.delay(failuresInRow));
            } catch (InterruptedException e) {
                return;
            }
            failuresInRow++;
        }
    }

    private void registryFailed(int gen, Throwable cause) {
        if (gen != generation || closed) {
            return;
        }
        if (!outage) {
            outage = true;
            log.warn("route registry unavailable, serving the last known table and retrying: {}", cause.toString());
        } else {
            log.debug("route registry still unavailable: {}", cause.toString());
        }
    }

    private static void closeQuietly(RouteRegistry.Subscription subscription) {
        if (subscription == null) {
            return;
        }
        try {
            subscription.close();
        } catch (RuntimeException e) {
            log.debug("closing a route subscription failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private final class Listener implements RouteListener {
        private final int gen;

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onSnapshot(RouteTable table) {
            if (gen != generation || closed) {
                return;
            }
            sink.snapshot(table);
            failuresInRow = 0;
            if (outage) {
                outage = false;
                log.info("route registry is back; table of {} HTTP routes applied", table.size());
            }
        }

        @Override
        public void onChange(RouteChange change) {
            if (gen != generation || closed) {
                return;
            }
            sink.change(change);
        }

        @Override
        public void onRegistryFailure(Throwable cause) {
            if (gen != generation) {
                return;
            }
            registryFailed(gen, cause);
            failed.release();
        }
    }
}
