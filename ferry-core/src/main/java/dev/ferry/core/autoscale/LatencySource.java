package dev.ferry.core.autoscale;

import dev.ferry.core.store.AppName;
import java.time.Instant;

/**
 * The router's response times per app, as the autoscaler reads them; the platform implements it with a sink of
 * the router's access log. Safe for use by many threads.
 */
@FunctionalInterface
public interface LatencySource {

    /**
     * The app's requests that ended in {@code [from, to)}, their count and p95. An implementation keeps a
     * bounded past: a span that starts before it answers for what it still has.
     */
    LatencyWindow latency(AppName app, Instant from, Instant to);
}
