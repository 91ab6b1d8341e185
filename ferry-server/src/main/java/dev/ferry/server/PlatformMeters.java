package dev.ferry.server;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The registry behind {@code /metrics}: the JVM's memory and threads and the processor, to which the router, its
 * routes and the per-app series ({@link dev.ferry.server.usage.AppTrafficMetrics}) add their meters.
 */
final class PlatformMeters {

    private PlatformMeters() {
    }

    static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        return meters;
    }
}
