package dev.ferry.server.autoscale;

import dev.ferry.control.autoscale.AutoscaleApi;
import dev.ferry.control.autoscale.AutoscaleConfig;
import dev.ferry.control.autoscale.Autoscaler;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.core.autoscale.LatencySource;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.store.Store;
import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Autoscaling in the platform: the {@link Autoscaler} ({@link #start}) and its API ({@link #api}), reading the
 * router's response times from the one traffic series the dashboard charts too (its slots as wide as
 * {@link AutoscaleConfig#latencySlot}). The autoscaler runs where that series sees the routers' traffic: in
 * {@code ferry up} (its own router), and on a control node of a fleet on a shared Redis registry, whose routers report
 * their traffic to every control node; there it decides only while this node's reconciler leads, so one node decides
 * for each app. A control node on an embedded registry sees no router and keeps the rules without applying them.
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

    /**
     * Starts the autoscaler when this process sees the routers' traffic (its own router, or the fleet's reports), and
     * leading with the reconciler; the caller closes what it answers.
     */
    public AutoCloseable start(Store store, Deployments deployments, AppLogs logs, boolean seesTraffic) {
        if (!seesTraffic) {
            log.info("no router reports to this node: autoscaling rules are kept, and applied where routers report");
            return () -> { };
        }
        BooleanSupplier leads = deployments instanceof Reconciler reconciler ? reconciler::leads : () -> true;
        return new Autoscaler(store.autoscale(), store, deployments, logs, latency, config, Clock.systemUTC(), leads)
                .start();
    }
}
