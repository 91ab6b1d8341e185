package dev.ferry.server.tls;

import dev.ferry.router.tls.TlsSource;
import dev.ferry.store.route.RedisTlsBundle;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what a control node's routers serve ({@link StoreTlsSource}) in the fleet's Redis registry for the
 * separate {@code ferry router} processes, which have no store: the serving set sealed as a {@link TlsDocument} in
 * {@link RedisTlsBundle}. It publishes at start, after every change the source is told of (several changes in a row
 * make one publication), and every {@link #TICK}, so that a change made by another control node of a shared store or
 * a lost message converges; content the registry already has (the
 * same digest) is not written again. A registry that cannot be reached, or a store that cannot be read, is logged
 * once and retried at the next tick; it never stops the node. Publications run on a thread of their own.
 */
public final class RegistryTlsPublisher implements AutoCloseable {

    /** The periodic publication, the same interval as the routers' reload. */
    public static final Duration TICK = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RegistryTlsPublisher.class);

    private final TlsSource source;
    private final RedisTlsBundle bundle;
    private final RouterCertificateKey key;
    private final Duration tick;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-tls-publisher");
        t.setDaemon(true);
        return t;
    });
    private boolean failing; // on the thread

    public RegistryTlsPublisher(TlsSource source, RedisTlsBundle bundle, RouterCertificateKey key, Duration tick) {
        this.source = source;
        this.bundle = bundle;
        this.key = key;
        this.tick = tick;
    }

    /** Publishes now, after each change of the source and every tick. */
    public RegistryTlsPublisher start() {
        source.onChange(this::changed);
        thread.scheduleWithFixedDelay(this::publish, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs on the changing thread: only queues one publication. */
    private void changed() {
        if (pending.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    pending.set(false);
                    publish();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false); // closing
            }
        }
    }

    private void publish() {
        try {
            TlsDocument document = TlsDocument.seal(ServingSet.of(source), key);
            if (bundle.publish(document.digest(), document.toJson())) {
                log.info("HTTPS: published {} certificate(s) for the fleet's routers (key {})",
                        document.certificates().size(), key.fingerprint());
            }
            if (failing) {
                log.info("HTTPS: publishing the certificates for the fleet's routers works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("HTTPS: cannot publish the certificates for the fleet's routers now, trying again within {} ms: {}",
                        tick.toMillis(), e.getMessage());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        bundle.close();
    }
}
