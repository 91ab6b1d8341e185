package dev.ferry.router.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The router's meters, exported as Prometheus by the API port:
 * <ul>
 *   <li>{@value #REQUESTS} counter, tagged {@code route} (the route's domain, {@code -} when none matched)
 *       and {@code status} (the class: {@code 1xx} to {@code 5xx});</li>
 *   <li>{@value #DURATION} timer with a percentile histogram, tagged {@code status} only, so its series
 *       stay few however many routes there are;</li>
 *   <li>{@value #OPEN_CONNECTIONS} gauge: client connections open now;</li>
 *   <li>{@value #BACKEND_CONNECTIONS} gauge tagged {@code state=active|idle}: backend connections in use
 *       and waiting in the keep-alive pool.</li>
 * </ul>
 * Safe to call from any thread.
 */
public final class RouterMetrics {

    public static final String REQUESTS = "ferry.router.requests";
    public static final String DURATION = "ferry.router.request.duration";
    public static final String OPEN_CONNECTIONS = "ferry.router.connections.open";
    public static final String BACKEND_CONNECTIONS = "ferry.router.backend.connections";

    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter[]> counters = new ConcurrentHashMap<>();
    private final Timer[] timers = new Timer[CLASSES.length];

    public RouterMetrics(MeterRegistry registry, IntSupplier openConnections, IntSupplier activeBackends,
                         IntSupplier idleBackends) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (int i = 0; i < CLASSES.length; i++) {
            timers[i] = Timer.builder(DURATION)
                    .description("Time from a request's head to the end of its response")
                    .tag("status", CLASSES[i])
                    .publishPercentileHistogram()
                    .register(registry);
        }
        Gauge.builder(OPEN_CONNECTIONS, openConnections, IntSupplier::getAsInt)
                .description("Client connections open")
                .strongReference(true)
                .register(registry);
        Gauge.builder(BACKEND_CONNECTIONS, activeBackends, IntSupplier::getAsInt)
                .description("Backend connections by state")
                .tag("state", "active")
                .strongReference(true)
                .register(registry);
        Gauge.builder(BACKEND_CONNECTIONS, idleBackends, IntSupplier::getAsInt)
                .description("Backend connections by state")
                .tag("state", "idle")
                .strongReference(true)
                .register(registry);
    }

    /** Counts one finished request of {@code route} (a domain, or {@code null}) and times it. */
    public void request(String route, int status, long durationNanos) {
        int cls = Math.min(Math.max(status / 100, 1), 5) - 1;
        String tag = route == null ? "-" : route;
        Counter[] byClass = counters.computeIfAbsent(tag, k -> new Counter[CLASSES.length]);
        Counter counter = byClass[cls];
        if (counter == null) {
            // a racing thread registers the same meter: the registry returns one instance for both
            counter = Counter.builder(REQUESTS)
                    .description("Requests answered, by route and status class")
                    .tag("route", tag)
                    .tag("status", CLASSES[cls])
                    .register(registry);
            byClass[cls] = counter;
        }
        counter.increment();
        timers[cls].record(durationNanos, TimeUnit.NANOSECONDS);
    }
}
