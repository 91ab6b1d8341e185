package dev.ferry.server.autoscale;

import dev.ferry.control.autoscale.AutoscaleApi;
import dev.ferry.control.autoscale.AutoscaleConfig;
import dev.ferry.control.autoscale.Autoscaler;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.store.Store;
import dev.ferry.server.logs.AppOfHost;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Autoscaling in the platform, made in two steps like the usage sinks, because the router starts before the store
 * opens: first {@link #latency}, the router's access log sink the autoscaler reads, then, once the store and the
 * reconciler run, the {@link Autoscaler} itself ({@link #start}) and its API ({@link #api}). The autoscaler runs only
 * in a process that runs the router ({@code ferry up}): a control node of a fleet does not see its routers'
 * response times, and with none it would take every app for idle.
 */
public final class AutoscaleWiring {

    private static final Logger log = LoggerFactory.getLogger(AutoscaleWiring.class);

    private final AutoscaleConfig config;
    private final AppLatency latency;

    public AutoscaleWiring(AutoscaleConfig config, AppOfHost appOfHost) {
        this.config = Objects.requireNonNull(config, "config");
        this.latency = new AppLatency(appOfHost, config.longestWindow());
    }

    /** The sink of the router's access log that keeps each app's response times. */
    public AppLatency latency() {
        return latency;
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
