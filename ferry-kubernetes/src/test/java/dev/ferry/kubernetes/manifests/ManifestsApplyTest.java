package dev.ferry.kubernetes.manifests;

import static dev.ferry.kubernetes.manifests.DeployManifests.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The manifests of {@code deploy/kubernetes} load with fabric8's model classes, apply to the mock API server, and
 * say what the issue asks: 2+ routers behind a LoadBalancer with a PodDisruptionBudget, Redis with a volume and
 * {@code appendonly yes}, PostgreSQL with a volume, connections by Service DNS name, listeners on 0.0.0.0, probes on
 * every container, and NetworkPolicies that let only Ferry's own pods reach the store and the registry.
 */
@EnableKubernetesMockClient(crud = true)
class ManifestsApplyTest {

    private static final String FERRY_SYSTEM = "ferry-system";

    KubernetesClient client;

    @Test
    void theBaseAppliesToTheApiServer() {
        List<HasMetadata> base = DeployManifests.base(client);

        apply(base);

        assertThat(client.apps().deployments().inNamespace(FERRY_SYSTEM).list().getItems()).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("ferry-router", "ferry-control", "ferry-kubernetes-controller");
        assertThat(client.apps().statefulSets().inNamespace(FERRY_SYSTEM).list().getItems()).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("ferry-redis", "ferry-postgres");
        assertThat(client.rbac().clusterRoles().withName("ferry-kubernetes-controller").get()).isNotNull();
        assertThat(client.network().v1().networkPolicies().inNamespace(FERRY_SYSTEM).list().getItems()).hasSize(2);
    }

    @Test
    void routersAreTwoOrMoreBehindALoadBalancerWithADisruptionBudget() {
        List<HasMetadata> base = DeployManifests.base(client);
        Deployment routers = find(base, Deployment.class, "ferry-router");
        assertThat(routers.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(routers.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        var service = find(base, io.fabric8.kubernetes.api.model.Service.class, "ferry-router");
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getSpec().getSelector()).isEqualTo(routers.getSpec().getSelector().getMatchLabels());
        PodDisruptionBudget budget = find(base, PodDisruptionBudget.class, "ferry-router");
        assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(routers.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(find(base, ServiceAccount.class, "ferry-router").getAutomountServiceAccountToken())
                .as("routers need no API token").isFalse();
    }

    @Test
    void redisAndPostgresKeepTheirDataOnVolumes() {
        List<HasMetadata> base = DeployManifests.base(client);
        StatefulSet redis = find(base, StatefulSet.class, "ferry-redis");
        assertThat(redis.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(String.join(" ", redis.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()))
                .contains("--appendonly yes").contains("--bind 0.0.0.0");
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anyMatch(m -> m.getName().equals(redis.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName()));
        StatefulSet postgres = find(base, StatefulSet.class, "ferry-postgres");
        assertThat(postgres.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("listen_addresses=*");
    }

    @Test
    void everyContainerHasProbesAndFerryListensOnAllAddressesAndConnectsByServiceName() {
        List<HasMetadata> base = DeployManifests.base(client);
        Map<String, HasMetadata> services = base.stream().filter(o -> o.getKind().equals("Service"))
                .collect(Collectors.toMap(o -> o.getMetadata().getName() + "." + o.getMetadata().getNamespace() + ".svc",
                        Function.identity()));
        for (HasMetadata workload : base) {
            for (Container c : DeployManifests.podSpec(workload).map(s -> s.getContainers()).orElse(List.of())) {
                String where = workload.getMetadata().getName() + "/" + c.getName();
                assertThat(c.getReadinessProbe()).as(where + " readiness").isNotNull();
                assertThat(c.getLivenessProbe()).as(where + " liveness").isNotNull();
                if (!c.getImage().contains("/ferry:")) {
                    continue;
                }
                assertThat(c.getArgs()).as(where).contains("--bind=0.0.0.0");
                for (String arg : c.getArgs()) {
                    if (arg.contains("://")) {
                        String host = URI.create(arg.substring(arg.indexOf('=') + 1)).getHost();
                        assertThat(services).as(where + " connects to " + host + ", a Service's DNS name").containsKey(host);
                    }
                }
            }
        }
    }

    @Test
    void onlyFerrysOwnPodsReachTheStoreAndTheRegistry() {
        List<HasMetadata> base = DeployManifests.base(client);
        Map<String, String> appPod = Map.of("app", "hello", "ferry.dev/process-type", "web");
        for (String target : List.of("ferry-redis", "ferry-postgres")) {
            StatefulSet set = find(base, StatefulSet.class, target);
            NetworkPolicy policy = find(base, NetworkPolicy.class, target);
            assertThat(selects(policy.getSpec().getPodSelector(), set.getSpec().getTemplate().getMetadata().getLabels()))
                    .as(target + "'s policy selects its pods").isTrue();
            assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
            List<NetworkPolicyPeer> peers = policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()).toList();
            assertThat(peers).isNotEmpty().allSatisfy(peer -> {
                assertThat(peer.getNamespaceSelector()).as("pods of ferry-system only").isNull();
                assertThat(peer.getIpBlock()).isNull();
                assertThat(selects(peer.getPodSelector(), appPod)).as("an app's pod reaches " + target).isFalse();
            });
            assertThat(peers).anyMatch(peer -> selects(peer.getPodSelector(),
                    find(base, Deployment.class, "ferry-control").getSpec().getTemplate().getMetadata().getLabels()));
        }
    }

    @Test
    void kustomizeRendersTheBaseAsTheTestsDoAndEveryOverlayApplies() {
        Optional<List<HasMetadata>> rendered = DeployManifests.kustomize(client, DeployManifests.root().resolve("base"));
        if (rendered.isEmpty()) {
            System.err.println("kubectl with kustomize 4 or later is not installed: the overlays are not rendered");
        }
        assumeTrue(rendered.isPresent(), "kubectl with kustomize 4 or later is not installed");
        assertThat(byKey(rendered.get())).isEqualTo(byKey(DeployManifests.base(client)));
        for (String overlay : List.of("production", "local")) {
            List<HasMetadata> objects = DeployManifests.kustomize(client, DeployManifests.root().resolve("overlays/" + overlay))
                    .orElseThrow();
            assertThat(find(objects, Deployment.class, "ferry-router").getSpec().getReplicas()).as(overlay).isGreaterThanOrEqualTo(2);
            apply(objects);
        }
    }

    private void apply(List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            client.resource(object).createOr(r -> r.update());
        }
        for (HasMetadata object : objects) {
            assertThat(client.resource(object).get()).as(object.getKind() + " " + object.getMetadata().getName()).isNotNull();
        }
    }

    private static Map<String, HasMetadata> byKey(List<HasMetadata> objects) {
        return objects.stream().collect(Collectors.toMap(
                o -> o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(), Function.identity()));
    }

    /** Whether a label selector (matchLabels and In expressions, as the manifests use) selects these labels. */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        boolean labelsMatch = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        boolean expressionsMatch = Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).stream()
                .allMatch(e -> switch (e.getOperator()) {
                    case "In" -> e.getValues().contains(labels.get(e.getKey()));
                    case "NotIn" -> !e.getValues().contains(labels.get(e.getKey()));
                    case "Exists" -> labels.containsKey(e.getKey());
                    case "DoesNotExist" -> !labels.containsKey(e.getKey());
                    default -> throw new AssertionError("unknown operator " + e.getOperator());
                });
        return labelsMatch && expressionsMatch;
    }
}
