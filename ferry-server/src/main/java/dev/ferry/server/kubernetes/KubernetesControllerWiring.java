package dev.ferry.server.kubernetes;

import dev.ferry.core.route.RouteRegistry;
import dev.ferry.kubernetes.controller.AnnotationController;
import dev.ferry.kubernetes.controller.ControllerConfig;
import dev.ferry.kubernetes.leadership.LeaseConfig;
import dev.ferry.kubernetes.leadership.LeaseLeadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wires the {@code ferry kubernetes-controller} role with plain constructors: an {@link AnnotationController} on
 * {@code client} writing to {@code registry}, started each time this replica wins the Lease
 * ({@link LeaseLeadership}) and stopped when it loses it, and the health listener for the pod's probes.
 */
public final class KubernetesControllerWiring implements AutoCloseable {

    private final LeaseLeadership leadership;
    private final LeaseConfig lease;
    private final AtomicReference<AnnotationController> current;
    private final ControllerHealth health;

    private KubernetesControllerWiring(LeaseLeadership leadership, LeaseConfig lease,
                                       AtomicReference<AnnotationController> current, ControllerHealth health) {
        this.leadership = leadership;
        this.lease = lease;
        this.current = current;
        this.health = health;
    }

    /** Starts competing for the Lease; the health listener, when its port is not 0, answers at once. */
    public static KubernetesControllerWiring start(KubernetesClient client, RouteRegistry registry,
                                                   ControllerConfig controller, LeaseConfig lease,
                                                   String bindAddress, int healthPort) throws IOException {
        ControllerConfig recorded = controller.withRecordNamespace(lease.namespace());
        AtomicReference<AnnotationController> current = new AtomicReference<>();
        LeaseLeadership leadership = LeaseLeadership.start(client, lease, () -> {
            AnnotationController annotations = new AnnotationController(client, registry, recorded);
            annotations.start();
            current.set(annotations);
            return annotations;
        });
        ControllerHealth health = null;
        if (healthPort > 0) {
            try {
                health = ControllerHealth.start(bindAddress, healthPort,
                        () -> leadership.isLeading() ? "leading" : "waiting");
            } catch (IOException | RuntimeException e) {
                leadership.close();
                throw e;
            }
        }
        return new KubernetesControllerWiring(leadership, lease, current, health);
    }

    /** The Lease of {@code settings}, in the client's namespace and under the host's name unless they name others. */
    public static LeaseConfig lease(KubernetesControllerSettings settings, KubernetesClient client) {
        String namespace = settings.leaseNamespace()
                .or(() -> Optional.ofNullable(client.getNamespace())).orElse("default");
        return LeaseConfig.of(namespace, settings.leaseName(), settings.identity().orElseGet(KubernetesControllerWiring::hostName));
    }

    public boolean isLeading() {
        return leadership.isLeading();
    }

    /** True while this replica leads and its controller is ready ({@link AnnotationController#isReady()}). */
    public boolean isRouting() {
        AnnotationController controller = current.get();
        return leadership.isLeading() && controller != null && controller.isReady();
    }

    public LeaseConfig lease() {
        return lease;
    }

    /** The health listener's port, or -1 when it is off. */
    public int healthPort() {
        return health == null ? -1 : health.port();
    }

    @Override
    public void close() {
        if (health != null) {
            health.close();
        }
        leadership.close();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "ferry-kubernetes-controller-" + ProcessHandle.current().pid();
        }
    }
}
