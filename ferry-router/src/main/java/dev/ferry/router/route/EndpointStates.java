package dev.ferry.router.route;

import dev.ferry.core.route.Endpoint;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EndpointState}s of every endpoint id in the table, with passive ejection.
 *
 * <p>Threading: {@link #state}, {@link #eject} and the in-flight counters are called from any event loop;
 * {@link #retain}, {@link #release} and {@link #prune} only by the thread applying route changes. A state
 * whose id left the table is kept until its last in-flight request finishes, then pruned.
 */
final class EndpointStates {

    private static final Logger log = LoggerFactory.getLogger(EndpointStates.class);

    private final ConcurrentHashMap<String, EndpointState> states = new ConcurrentHashMap<>();
    private final List<EndpointState> orphans = new ArrayList<>();
    private final Clock clock;
    private final long ejectionMillis;
    private final Counter ejections;

    EndpointStates(Clock clock, Duration passiveEjection, Counter ejections) {
        this.clock = clock;
        this.ejectionMillis = passiveEjection.toMillis();
        this.ejections = ejections;
    }

    long now() {
        return clock.millis();
    }

    /** The state of an id, or {@code null} when it is in no route and nothing is in flight on it. */
    EndpointState state(String id) {
        return states.get(id);
    }

    /** A route of the new table lists this id. */
    EndpointState retain(String id) {
        EndpointState s = states.computeIfAbsent(id, EndpointState::new);
        s.references++;
        return s;
    }

    /** A route that listed this id changed or went away. */
    void release(String id) {
        EndpointState s = states.get(id);
        if (s != null && --s.references <= 0) {
            orphans.add(s);
        }
    }

    /** Forgets ids no route lists and no request uses. */
    void prune() {
        for (Iterator<EndpointState> it = orphans.iterator(); it.hasNext(); ) {
            EndpointState s = it.next();
            if (s.references > 0) {
                it.remove();
            } else if (s.inFlight.get() == 0) {
                states.remove(s.id, s);
                it.remove();
            }
        }
    }

    void started(Endpoint endpoint) {
        EndpointState s = states.get(endpoint.id());
        if (s != null) {
            s.inFlight.incrementAndGet();
        }
    }

    void finished(Endpoint endpoint) {
        EndpointState s = states.get(endpoint.id());
        if (s != null) {
            // Never below zero, even if a state was pruned and re-created between start and finish.
            s.inFlight.getAndUpdate(v -> v > 0 ? v - 1 : 0);
        }
    }

    /** Passive health: takes the id out of every pool for the ejection period. */
    void eject(Endpoint endpoint, Throwable cause) {
        EndpointState s = states.get(endpoint.id());
        if (s == null) {
            return;
        }
        long now = clock.millis();
        boolean wasIn = !s.ejected(now);
        s.ejectedAtMillis = now;
        s.ejectedUntilMillis = now + ejectionMillis;
        if (wasIn) {
            ejections.increment();
            log.info("endpoint {} ejected for {} ms: {}", endpoint.authority(), ejectionMillis,
                    cause == null ? "failure" : cause.toString());
        }
    }
}
