package dev.ferry.router.route;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the router knows about one endpoint id beyond the route table: requests in flight and passive
 * ejection. Shared by every pool that lists the id and kept across route changes, so a request that
 * started before its endpoint was removed still decrements the right counter.
 */
final class EndpointState {

    final String id;
    final AtomicInteger inFlight = new AtomicInteger();
    /** Clock millis until which the endpoint is ejected; 0 when it never was. */
    volatile long ejectedUntilMillis;
    /** Clock millis of the last ejection, to prefer the least recently ejected when all are out. */
    volatile long ejectedAtMillis;
    /** Number of routes in the current table listing this id; touched only while applying changes. */
    int references;

    EndpointState(String id) {
        this.id = id;
    }

    boolean ejected(long nowMillis) {
        return nowMillis < ejectedUntilMillis;
    }
}
