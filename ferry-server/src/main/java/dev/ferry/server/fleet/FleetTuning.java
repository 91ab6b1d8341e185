package dev.ferry.server.fleet;

import dev.ferry.build.queue.BuildHeartbeat;
import dev.ferry.control.reconcile.ReconcileLeadership;
import java.time.Duration;
import java.util.Objects;

/**
 * The timeouts of several control nodes on one store, which tests shorten.
 *
 * @param leaseTtl how long the reconciler's lease lasts once taken or renewed (15 s; renewed every third of it),
 *     so the longest a fleet goes without a reconciler leader after a {@code kill -9} of the leader
 * @param heartbeatInterval how often a node marks its builds alive (5 s)
 * @param heartbeatTimeout how long without a mark before another node fails a node's builds (30 s)
 */
public record FleetTuning(Duration leaseTtl, Duration heartbeatInterval, Duration heartbeatTimeout) {

    public static final FleetTuning DEFAULT = new FleetTuning(ReconcileLeadership.DEFAULT_TTL,
            BuildHeartbeat.DEFAULT_INTERVAL, BuildHeartbeat.DEFAULT_TIMEOUT);

    public FleetTuning {
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    }
}
