package dev.ferry.server.usage;

import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.store.Store;
import dev.ferry.core.traffic.TrafficSeries;
import dev.ferry.router.log.AccessLog;
import dev.ferry.server.logs.AppOfHost;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.store.route.RedisTrafficReports;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The usage parts of the platform, made in two steps because the router starts before the store opens: first the
 * access log sinks ({@link TrafficMeter} and {@link AppTrafficMetrics}, which need no store), then, once the store
 * and the runtime run, the {@link UsageRecorder} that writes what they count. With separate routers (a shared Redis
 * registry), each router reports its traffic ({@link #ofRouter}) and the control nodes read the reports
 * ({@link #readReports}).
 */
public final class UsageSinks {

    private final TrafficMeter traffic;
    private final AppTrafficMetrics metrics;
    private final AppOfHost appOfHost;

    public UsageSinks(AppOfHost appOfHost, MeterRegistry meters) {
        this.appOfHost = appOfHost;
        this.traffic = new TrafficMeter(appOfHost);
        this.metrics = new AppTrafficMetrics(meters, appOfHost, AppTrafficMetrics.DEFAULT_MAX_APPS);
    }

    /** The sinks of the router's {@link dev.ferry.router.log.QueuedAccessLog}: {@code first}, then the usage ones. */
    public List<AccessLog> after(AccessLog... first) {
        List<AccessLog> all = new ArrayList<>(List.of(first));
        all.add(traffic);
        all.add(metrics);
        return all;
    }

    /** Starts recording into the store's usage records; the caller closes it before the runtime stops. */
    public UsageRecorder start(Store store, Optional<AppRuntime> runtime) {
        Clock clock = Clock.systemUTC();
        return new UsageRecorder(store.usage(), traffic,
                runtime.map(r -> new InstanceLifetimes(store.usage(), r, store::allApps, clock)), metrics, clock)
                .start();
    }

    /**
     * On a shared Redis registry, starts reading the separate routers' traffic reports into {@code series} and the
     * usage records ({@link TrafficReportReader}); on an embedded registry there are no separate routers, and nothing
     * runs. The caller closes what it answers.
     */
    public AutoCloseable readReports(Optional<RedisRegistryConfig> registry, TrafficSeries series, Store store,
                                     String node) {
        return registry.<AutoCloseable>map(r -> new TrafficReportReader(RedisTrafficReports.open(r), series,
                store.usage(), appOfHost, node).start(TrafficReportReader.DEFAULT_INTERVAL)).orElse(() -> { });
    }

    /**
     * The access log sinks of a {@code ferry router}: {@code first}, then, when it writes to a shared Redis registry,
     * its {@link TrafficReporter}, pushed onto {@code started} so that it stops after the access log has drained.
     */
    public static List<AccessLog> ofRouter(Optional<RedisRegistryConfig> registry, Deque<AutoCloseable> started,
                                           AccessLog first) {
        List<AccessLog> sinks = new ArrayList<>(List.of(first));
        registry.ifPresent(r -> {
            TrafficReporter reporter = new TrafficReporter(RedisTrafficReports.open(r))
                    .start(TrafficReporter.DEFAULT_INTERVAL);
            started.push(reporter);
            sinks.add(reporter);
        });
        return sinks;
    }
}
