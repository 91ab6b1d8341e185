package dev.ferry.server.usage;

import dev.ferry.core.store.AppName;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.log.AccessLogEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Per-app series in {@code /metrics} for fleets that run Prometheus (deploy/grafana/ferry.json draws them):
 * <ul>
 *   <li>{@value #REQUESTS} counter, tagged {@code app}, {@code process_type} and {@code status} (1xx to 5xx);</li>
 *   <li>{@value #DURATION} timer, tagged {@code app} and {@code process_type}, a histogram with
 *       {@link #BUCKETS} fixed buckets (5 ms to 10 s) for p50/p95/p99 with {@code histogram_quantile};</li>
 *   <li>{@value #BYTES} summary of body bytes, tagged {@code app}, {@code process_type} and
 *       {@code direction=in|out};</li>
 *   <li>{@value #INSTANCES} gauge, tagged {@code app} and {@code process_type}: instances running now.</li>
 * </ul>
 * The label values are bounded: the first {@code maxApps} apps (100 by default) keep their name and every later
 * one is counted under {@code app="_other"}; within that, the first {@value #MAX_TYPES} process types of all apps
 * keep theirs and later ones are {@code process_type="_other"}. So the series are at most about
 * {@code (maxApps + 1) × (types + 1) × (5 + buckets)}. Requests without an app (404 {@code no_such_app}) are not
 * counted here; the router's own {@code ferry_router_requests} has them.
 *
 * <p>Threading: a sink of the router's {@link dev.ferry.router.log.QueuedAccessLog} (its writer thread);
 * {@link #instances} from the usage timer.
 */
public final class AppTrafficMetrics implements AccessLog {

    public static final String REQUESTS = "ferry.app.requests";
    public static final String DURATION = "ferry.app.request.duration";
    public static final String BYTES = "ferry.app.bytes";
    public static final String INSTANCES = "ferry.app.instances";
    public static final int DEFAULT_MAX_APPS = 100;
    static final int MAX_TYPES = 20;
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private record Series(String app, String type) {
    }

    /** The meters of one series, registered once: a request costs map lookups, not meter ids. */
    private record Meters(Counter[] requests, Timer duration, DistributionSummary bytesIn, DistributionSummary bytesOut) {
    }

    private final MeterRegistry registry;
    private final Function<String, Optional<AppName>> appOfHost;
    private final BoundedLabels apps;
    private final BoundedLabels types = new BoundedLabels(MAX_TYPES);
    private final Map<Series, AtomicInteger> instanceGauges = new ConcurrentHashMap<>();
    private final Map<Series, Meters> meters = new ConcurrentHashMap<>();

    /**
     * @param appOfHost the app a request host belongs to ({@link dev.ferry.server.logs.AppOfHost})
     * @param maxApps   apps that get series of their own; later ones share {@code app="_other"}
     */
    public AppTrafficMetrics(MeterRegistry registry, Function<String, Optional<AppName>> appOfHost, int maxApps) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.appOfHost = Objects.requireNonNull(appOfHost, "appOfHost");
        this.apps = new BoundedLabels(maxApps);
    }

    @Override
    public void log(AccessLogEntry entry) {
        if (entry.status() == 404 && entry.backendMs() < 0) {
            return;
        }
        Optional<AppName> app = appOfHost.apply(entry.host());
        if (app.isEmpty()) {
            return;
        }
        Meters m = meters.computeIfAbsent(new Series(apps.of(app.get().value()), types.of(TrafficMeter.WEB)),
                this::register);
        int cls = Math.min(Math.max(entry.status() / 100, 1), 5) - 1;
        m.requests()[cls].increment();
        m.duration().record(entry.totalMs(), TimeUnit.MILLISECONDS);
        m.bytesIn().record(entry.bytesIn());
        m.bytesOut().record(entry.bytesOut());
    }

    private Meters register(Series s) {
        Counter[] requests = new Counter[CLASSES.length];
        for (int i = 0; i < CLASSES.length; i++) {
            requests[i] = Counter.builder(REQUESTS)
                    .description("Requests the router answered, by app, process type and status class")
                    .tags("app", s.app(), "process_type", s.type(), "status", CLASSES[i])
                    .register(registry);
        }
        Timer duration = Timer.builder(DURATION)
                .description("Time from a request's head to the end of its response, by app")
                .tags("app", s.app(), "process_type", s.type())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        return new Meters(requests, duration, bytes(s, "in"), bytes(s, "out"));
    }

    /** Sets the instances gauge of each app and process type to what runs now; the others to zero. */
    public void instances(Map<AppName, Map<String, Integer>> running) {
        Map<Series, Integer> now = new ConcurrentHashMap<>();
        running.forEach((app, byType) -> byType.forEach((type, n) ->
                now.merge(new Series(apps.of(app.value()), types.of(type)), n, Integer::sum)));
        Set<Series> all = new HashSet<>(instanceGauges.keySet());
        all.addAll(now.keySet());
        for (Series s : all) {
            instanceGauges.computeIfAbsent(s, k -> {
                AtomicInteger value = new AtomicInteger();
                Gauge.builder(INSTANCES, value, AtomicInteger::get).description("Instances running, by app and type")
                        .tags("app", k.app(), "process_type", k.type()).strongReference(true).register(registry);
                return value;
            }).set(now.getOrDefault(s, 0));
        }
    }

    private DistributionSummary bytes(Series s, String direction) {
        return DistributionSummary.builder(BYTES).baseUnit("bytes")
                .description("Request and response body bytes, by app, process type and direction")
                .tags("app", s.app(), "process_type", s.type(), "direction", direction)
                .register(registry);
    }
}
