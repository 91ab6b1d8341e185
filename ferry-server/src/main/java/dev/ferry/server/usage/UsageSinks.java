package dev.ferry.server.usage;

import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.store.Store;
import dev.ferry.router.log.AccessLog;
import dev.ferry.server.logs.AppOfHost;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The usage parts of the platform, made in two steps because the router starts before the store opens: first the
 * access log sinks ({@link TrafficMeter} and {@link AppTrafficMetrics}, which need no store), then, once the store
 * and the runtime run, the {@link UsageRecorder} that writes what they count.
 */
public final class UsageSinks {

    private final TrafficMeter traffic;
    private final AppTrafficMetrics metrics;

    public UsageSinks(AppOfHost appOfHost, MeterRegistry meters) {
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
}
