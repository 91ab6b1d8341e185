package dev.ferry.kubernetes.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.kubernetes.controller.AnnotationController;
import dev.ferry.kubernetes.controller.Cluster;
import dev.ferry.kubernetes.controller.ControllerConfig;
import dev.ferry.kubernetes.leadership.LeaseConfig;
import dev.ferry.kubernetes.leadership.LeaseLeadership;
import dev.ferry.kubernetes.testing.ApiCalls;
import dev.ferry.kubernetes.testing.ApiCalls.Call;
import dev.ferry.testing.MemoryRouteRegistry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked against what the code does: every API call the annotation controller makes against the
 * mock (its leadership included) is recorded from the server's request log, and the RBAC of the manifests must allow
 * each call of the ServiceAccount it runs as (verb, group, resource, namespace, name) and grant no verb on a resource
 * that no call uses. The runtime's calls, which its own tests write to {@code rbac/runtime-calls.txt}, are checked the
 * same way against the control plane's ServiceAccount.
 */
@EnableKubernetesMockClient(crud = true)
class RbacCoversRecordedCallsTest {

    private static final String FERRY_SYSTEM = "ferry-system";
    private static final String AGENT = "ferry-kubernetes-controller-under-test";
    private static final Path RUNTIME_CALLS = Path.of("src/test/resources/rbac/runtime-calls.txt");

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void theControllersServiceAccountMayMakeEveryCallItMakesAndNoOther() throws Exception {
        Set<Call> calls = controllerCalls();
        assertThat(calls).as("the scenario makes the controller's calls").extracting(Call::verb)
                .contains("list", "watch", "create", "get", "patch");

        check(DeployManifests.base(client), "ferry-kubernetes-controller", calls);
    }

    @Test
    void theControlPlanesServiceAccountMayMakeEveryCallOfTheRuntimeAndNoOther() throws Exception {
        if (!Files.exists(RUNTIME_CALLS)) {
            System.err.println("RBAC of the runtime not checked: " + RUNTIME_CALLS.toAbsolutePath()
                    + " is absent (the runtime's tests write it)");
        }
        assumeTrue(Files.exists(RUNTIME_CALLS), RUNTIME_CALLS + " is absent: the runtime's calls are not checked");
        List<Call> calls = new ArrayList<>();
        for (String line : Files.readAllLines(RUNTIME_CALLS)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                calls.add(Call.parseLine(line));
            }
        }
        assertThat(calls).isNotEmpty();

        check(DeployManifests.base(client), "ferry-control", Set.copyOf(calls));
    }

    @Test
    void theCheckRefusesACallNoRuleAllowsAndARuleNoCallUses() {
        List<HasMetadata> base = DeployManifests.base(client);
        RbacGrants grants = RbacGrants.of(base, FERRY_SYSTEM, "ferry-kubernetes-controller");

        assertThat(grants.allows(Call.of("GET", "/api/v1/services?resourceVersion=0"))).isTrue();
        assertThat(grants.allows(Call.of("GET", "/api/v1/namespaces/shop/services/web"))).as("get is not granted").isFalse();
        assertThat(grants.allows(Call.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/" + FERRY_SYSTEM
                + "/leases/ferry-kubernetes-controller"))).isTrue();
        assertThat(grants.allows(Call.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/" + FERRY_SYSTEM
                + "/leases/another"))).as("another lease").isFalse();
        assertThat(grants.allows(Call.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/shop"
                + "/leases/ferry-kubernetes-controller"))).as("a lease in another namespace").isFalse();
        assertThat(unused(grants, Set.of(Call.of("GET", "/api/v1/services")))).as("watch and the rest are unused")
                .isNotEmpty();
    }

    /** The calls of a controller that leads, routes, refuses a bad annotation, follows a deletion and releases the lead. */
    private Set<Call> controllerCalls() throws InterruptedException {
        Cluster cluster = new Cluster(client);
        MemoryRouteRegistry registry = new MemoryRouteRegistry();
        try (KubernetesClient controllerClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT).build()).build()) {
            LeaseConfig lease = LeaseConfig.of(FERRY_SYSTEM, "ferry-kubernetes-controller", "replica-1")
                    .withTiming(Duration.ofMillis(1500), Duration.ofMillis(1000), Duration.ofMillis(200));
            try (LeaseLeadership leadership = LeaseLeadership.start(controllerClient, lease, () -> {
                AnnotationController controller = new AnnotationController(controllerClient, registry, ControllerConfig.DEFAULT);
                controller.start();
                return controller;
            })) {
                cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
                cluster.annotated("shop", "web", "shop.example.com");
                cluster.annotated("shop", "bad", "not a host");
                await().atMost(Duration.ofSeconds(5)).until(() -> registry.table().route("shop.example.com") != null
                        && !client.v1().events().inNamespace("shop").list().getItems().isEmpty());
                Thread.sleep(600); // a few renewals of the lease
                cluster.deleteService("shop", "web");
                await().atMost(Duration.ofSeconds(2)).until(() -> registry.table().route("shop.example.com") == null);
            }
        }
        return ApiCalls.drain(server, AGENT);
    }

    private static void check(List<HasMetadata> manifests, String serviceAccount, Set<Call> calls) {
        RbacGrants grants = RbacGrants.of(manifests, FERRY_SYSTEM, serviceAccount);
        assertThat(grants.grants()).as(serviceAccount + " has rules").isNotEmpty();
        assertThat(grants.grants()).as("no wildcard").allSatisfy(g -> assertThat(
                g.rule().getVerbs().toString() + g.rule().getResources() + g.rule().getApiGroups()).doesNotContain("*"));
        assertThat(calls.stream().filter(call -> !grants.allows(call)).map(Call::toString).sorted().toList())
                .as("calls of " + serviceAccount + " that its RBAC refuses").isEmpty();
        assertThat(unused(grants, calls)).as("what the RBAC of " + serviceAccount + " grants and no call uses").isEmpty();
    }

    /** Each verb of each rule on each resource that no call uses. */
    private static List<String> unused(RbacGrants grants, Set<Call> calls) {
        List<String> unused = new ArrayList<>();
        for (RbacGrants.Grant grant : grants.grants()) {
            PolicyRule rule = grant.rule();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        boolean used = calls.stream().anyMatch(c -> c.group().equals(group)
                                && c.resource().equals(resource) && grant.allowsVerb(c, verb) && c.verb().equals(verb));
                        if (!used) {
                            unused.add(verb + " " + (group.isEmpty() ? "core" : group) + " " + resource + " (" + grant + ")");
                        }
                    }
                }
            }
        }
        return unused;
    }
}
