package dev.ferry.kubernetes.runtime;

import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.store.AppName;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes runtime's {@link InstanceMeter}: each app's pods' CPU and memory from the cluster's resource metrics
 * API ({@code metrics.k8s.io/v1beta1} PodMetrics, served by metrics-server; fabric8's {@code top().pods()}), one list
 * call per app's namespace. A pod's CPU is the sum of its containers' (cores × 100, so 100 is one core, as the local
 * runtime reports it) over the window metrics-server measured (about 15 s); its memory is the sum of their working
 * sets. Pods are matched to instances by name ({@code web.1}, as {@code ps} numbers them). A cluster without the
 * metrics API (404, 503) or that refuses the call (403) measures nothing, logged once: instances show as "not
 * measured", never 0. Threading: any thread.
 */
final class PodMetricsMeter implements InstanceMeter {

    private static final Logger log = LoggerFactory.getLogger(PodMetricsMeter.class);
    private static final BigDecimal PERCENT = BigDecimal.valueOf(100);

    private final KubernetesClient client;
    private final Function<AppName, String> namespaceOf;
    private final Function<AppName, List<PodInstances.Numbered>> instances;
    private final Clock clock;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param namespaceOf each app's namespace
     * @param instances   each app's pods numbered as instances, as {@code ps} lists them
     */
    PodMetricsMeter(KubernetesClient client, Function<AppName, String> namespaceOf,
                    Function<AppName, List<PodInstances.Numbered>> instances, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespaceOf = Objects.requireNonNull(namespaceOf, "namespaceOf");
        this.instances = Objects.requireNonNull(instances, "instances");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, InstanceUsage> measure(AppName app) {
        List<PodMetrics> metrics;
        try {
            metrics = client.top().pods().metrics(namespaceOf.apply(app)).getItems();
        } catch (KubernetesClientException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("the cluster's metrics API (metrics.k8s.io, from metrics-server) did not answer ({}): "
                        + "instances' CPU and memory are not measured", e.getCode() > 0 ? e.getCode() : e.getMessage());
            }
            return Map.of();
        }
        Map<String, PodMetrics> byPod = new HashMap<>();
        metrics.forEach(m -> byPod.put(m.getMetadata().getName(), m));
        Map<String, InstanceUsage> out = new HashMap<>();
        for (PodInstances.Numbered n : instances.apply(app)) {
            PodMetrics m = byPod.get(n.pod().getMetadata().getName());
            if (m != null && m.getContainers() != null && !m.getContainers().isEmpty()) {
                out.put(n.instance().name(), usage(m));
            }
        }
        return out;
    }

    private InstanceUsage usage(PodMetrics m) {
        BigDecimal cores = BigDecimal.ZERO;
        BigDecimal bytes = BigDecimal.ZERO;
        for (ContainerMetrics c : m.getContainers()) {
            Map<String, Quantity> usage = c.getUsage() == null ? Map.of() : c.getUsage();
            cores = cores.add(amount(usage.get("cpu")));
            bytes = bytes.add(amount(usage.get("memory")));
        }
        return new InstanceUsage(at(m.getTimestamp()), Math.max(0, cores.multiply(PERCENT).doubleValue()),
                Math.max(0, bytes.longValue()));
    }

    private static BigDecimal amount(Quantity q) {
        try {
            return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
        } catch (ArithmeticException | IllegalArgumentException e) {
            return BigDecimal.ZERO;
        }
    }

    private Instant at(String timestamp) {
        try {
            return timestamp == null ? clock.instant() : Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }
}
