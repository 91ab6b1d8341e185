package dev.ferry.server.autoscale;

import dev.ferry.control.autoscale.AutoscaleApi;
import dev.ferry.control.autoscale.AutoscaleConfig;
import dev.ferry.control.autoscale.Autoscaler;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.autoscale.LatencySource;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.store.Store;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Autoscaling in the platform: the {@link Autoscaler} ({@link #start}) and its API ({@link #api}), reading the
 * router's response times from the one traffic series the dashboard charts too (its slots as wide as
 * {@link AutoscaleConfig#latencySlot}). The autoscaler runs only in a process that runs the router ({@code ferry up}):
 * a control node of a fleet does not see its routers' response times, and with none it would take every app for idle.
 */
public final class AutoscaleWiring {

    private static final Logger log = LoggerFactory.getLogger(AutoscaleWiring.class);

    private final AutoscaleConfig config;
    private final LatencySource latency;

    /** @param latency each app's response times, the {@code TrafficSeries} the router's access log feeds */
    public AutoscaleWiring(AutoscaleConfig config, LatencySource latency) {
        this.config = Objects.requireNonNull(config, "config");
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    /** {@code /api/apps/{app}/autoscale}. */
    public AutoscaleApi api(Store store) {
        return new AutoscaleApi(store, store, store, store.autoscale());
    }

    /** Starts the autoscaler when this process runs the router; the caller closes what it answers. */
    public AutoCloseable start(Store store, Deployments deployments, AppLogs logs, boolean withRouter) {
        if (!withRouter) {
            log.info("no router in this process: autoscaling rules are kept, and applied by ferry up only");
            return () -> { };
        }
        return new Autoscaler(store.autoscale(), store, deployments, logs, latency, config, Clock.systemUTC()).start();
    }
}
