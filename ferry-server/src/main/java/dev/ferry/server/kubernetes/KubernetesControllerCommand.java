package dev.ferry.server.kubernetes;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.store.route.RedisRouteRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry kubernetes-controller}: routes the cluster's Services annotated {@code ferry.dev/domains} through the
 * fleet's routers ({@link KubernetesControllerWiring}), one replica leading by a Lease. It reaches the API server
 * with the pod's ServiceAccount, else {@code KUBECONFIG} or {@code ~/.kube/config}, and writes routes to the Redis
 * registry ({@code --registry}, required). Runs in the foreground until SIGTERM or Ctrl-C; the lead is released on
 * the way out so another replica takes over at once.
 */
@Command(name = "kubernetes-controller", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Route the Services of a Kubernetes cluster that carry the annotation "
                + "ferry.dev/domains: a.example.com,www.example.com through the fleet's routers, to their ready pods.",
                "Routes follow the Services' EndpointSlices as pods come and go, and go with the annotation or the "
                        + "Service; a bad host name is refused with a Warning Event on the Service and changes nothing.",
                "Run several replicas: one leads by the Lease (coordination.k8s.io) --lease-name, the others wait and "
                        + "take over when it stops renewing.",
                "Reaches the API server as the pod's ServiceAccount, else with KUBECONFIG or ~/.kube/config. Runs in the "
                        + "foreground; SIGTERM or Ctrl-C stops it and releases the lead.",
                "Each option also reads an environment variable."})
public final class KubernetesControllerCommand implements Callable<Integer>, EscapingPolicy {

    /** The controller's own text (where it runs), written by Ferry itself: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", paramLabel = "URL", description = "The fleet's Redis route registry, redis://HOST:PORT, where the routers read the routes (env FERRY_REGISTRY; required).")
    String registry;

    @Option(names = "--watch-namespace", paramLabel = "NAMESPACE", description = "Route the Services of this namespace; repeat for several (env FERRY_WATCH_NAMESPACES, comma-separated; default: all namespaces).")
    List<String> watchNamespaces;

    @Option(names = "--allow-domain", paramLabel = "DOMAIN", description = "Let annotations claim only this domain and the names under it; repeat for several. Anyone who may annotate a Service in a watched namespace can otherwise claim any name (env FERRY_ALLOW_DOMAINS, comma-separated; default: any name).")
    List<String> allowDomains;

    @Option(names = "--lease-namespace", paramLabel = "NAMESPACE", description = "The namespace of the Lease (env FERRY_LEASE_NAMESPACE; default: the pod's own namespace, else the kubeconfig's, else default).")
    String leaseNamespace;

    @Option(names = "--lease-name", paramLabel = "NAME", description = "The Lease the replicas compete for (env FERRY_LEASE_NAME; default " + KubernetesControllerSettings.DEFAULT_LEASE_NAME + ").")
    String leaseName;

    @Option(names = "--identity", paramLabel = "NAME", description = "This replica's name in the Lease, unique per replica (env FERRY_IDENTITY; default: the host name, which is the pod's name).")
    String identity;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address the health listener binds (env FERRY_BIND_ADDRESS; default 127.0.0.1; 0.0.0.0 in a pod, for the kubelet's probes).")
    String bindAddress;

    @Option(names = "--health-port", paramLabel = "PORT", description = "GET /healthz answers 200 leading or waiting, for liveness and readiness probes (env FERRY_HEALTH_PORT; default 8081; 0 = off).")
    String healthPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        KubernetesControllerSettings settings;
        try {
            settings = KubernetesControllerSettings.resolve(this, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("ferry: " + e.getMessage());
            return 2;
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        RouteRegistry routes = RedisRouteRegistry.open(settings.registry());
        KubernetesControllerWiring controller;
        try {
            controller = KubernetesControllerWiring.start(client, routes, settings.controller(),
                    KubernetesControllerWiring.lease(settings, client), settings.bindAddress(), settings.healthPort());
        } catch (Exception e) {
            routes.close();
            client.close();
            err.println("ferry: cannot start the Kubernetes controller: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                controller.close();
                routes.close();
                client.close();
            }
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "ferry-kubernetes-controller-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("ferry kubernetes-controller on %s as %s, lease %s/%s, %s, routes to %s%s%n", client.getMasterUrl(),
                controller.lease().identity(), controller.lease().namespace(), controller.lease().name(),
                settings.controller().watchNamespaces().isEmpty() ? "all namespaces"
                        : "namespaces " + String.join(", ", settings.controller().watchNamespaces()),
                settings.registry().uri(),
                controller.healthPort() > 0 ? ", health on http://" + settings.bindAddress() + ":" + controller.healthPort() + "/healthz" : "");
        out.flush();
        stopped.await();
        return 0;
    }
}
