package dev.ferry.kubernetes.leadership;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a piece of work on one replica at a time, chosen by a {@code coordination.k8s.io/v1} Lease (fabric8's
 * {@code LeaderElector}): the replica that holds the Lease starts the work and renews the Lease; the others wait. When
 * the leader stops renewing (it died, or lost the API server for longer than the renew deadline) it stops the work,
 * and a follower takes over once the Lease has expired. A leader that stops on purpose ({@link #close()}) releases the
 * Lease, so a follower takes over at its next retry. A replica that lost the lead competes again.
 */
public final class LeaseLeadership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseLeadership.class);

    private final KubernetesClient client;
    private final LeaseConfig config;
    private final Supplier<? extends AutoCloseable> work;
    private AutoCloseable running;
    private CompletableFuture<?> election;
    /** The elector's own threads, so it keeps running (and notices) when the client's are gone. */
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ferry-lease-leadership");
        t.setDaemon(true);
        return t;
    });
    private volatile String leader;
    private boolean closed;

    private LeaseLeadership(KubernetesClient client, LeaseConfig config, Supplier<? extends AutoCloseable> work) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.work = Objects.requireNonNull(work, "work");
    }

    /**
     * Starts competing for the Lease; {@code work} is called to start the work each time this replica becomes the
     * leader, and what it returns is closed when it stops leading.
     */
    public static LeaseLeadership start(KubernetesClient client, LeaseConfig config, Supplier<? extends AutoCloseable> work) {
        LeaseLeadership leadership = new LeaseLeadership(client, config, work);
        leadership.elect();
        return leadership;
    }

    /** True while this replica leads and runs the work. */
    public synchronized boolean isLeading() {
        return running != null;
    }

    /** The identity of the leader this replica knows of, if any. */
    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }

    /** Stops competing; a leader stops its work and releases the Lease. */
    @Override
    public void close() {
        CompletableFuture<?> current;
        synchronized (this) {
            closed = true;
            current = election;
        }
        if (current != null) {
            current.cancel(true);
        }
        stopWork();
        executor.shutdown();
    }

    private synchronized void elect() {
        if (closed) {
            return;
        }
        election = new LeaderElector(client, new LeaderElectionConfigBuilder()
                .withName(config.name())
                .withLock(new LeaseLock(config.namespace(), config.name(), config.identity()))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startWork, this::stopWork, this::newLeader))
                .build(), executor).start();
        election.whenComplete((ignored, failure) -> {
            if (!isClosed()) {
                // The elector returns once this replica stopped leading (or failed): compete again.
                CompletableFuture.delayedExecutor(config.retryPeriod().toMillis(), TimeUnit.MILLISECONDS, executor)
                        .execute(this::elect);
            }
        });
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void startWork() {
        if (closed || running != null) {
            return;
        }
        log.info("{} leads by the lease {}/{}", config.identity(), config.namespace(), config.name());
        running = work.get();
    }

    private synchronized void stopWork() {
        if (running == null) {
            return;
        }
        log.info("{} no longer leads by the lease {}/{}", config.identity(), config.namespace(), config.name());
        try {
            running.close();
        } catch (Exception e) {
            log.warn("while stopping the leader's work: {}", e.toString());
        } finally {
            running = null;
        }
    }

    private void newLeader(String identity) {
        leader = identity;
        log.info("the leader of {}/{} is {}", config.namespace(), config.name(), identity);
    }
}
