package dev.ferry.core.store;

import java.time.Duration;
import java.util.List;

/**
 * The liveness of builds on a store several control nodes share: each node marks its own queued and running
 * builds alive every few seconds ({@link #beat}), and any node fails the builds of a node whose marks stopped
 * ({@link #failStalled}), because only the node that received a push holds its git objects and can build it.
 * Implemented by the PostgreSQL store; an embedded store has one node and no such port.
 */
public interface BuildHeartbeats {

    /** Marks every unfinished build of this node alive now; returns how many. */
    int beat();

    /**
     * Fails the unfinished builds of other nodes that were not marked alive for {@code timeout}, each with a
     * reason naming its node and the timeout, and records their events.
     *
     * @return the builds failed now
     */
    List<Build> failStalled(Duration timeout);
}
