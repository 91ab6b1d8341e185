package dev.ferry.kubernetes.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.build.SlugTokens;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.kubernetes.testing.ApiCalls;
import dev.ferry.kubernetes.testing.TestKubelet;
import dev.ferry.testing.MemoryAppLogs;
import dev.ferry.testing.MemoryRouteRegistry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime against the mock API server in CRUD mode, with the test playing the controllers and the kubelet
 * ({@link TestKubelet}): what it creates for a release, the Job-gated release phase, rollouts undone, scaling,
 * {@code ps}, restarts, stops, and ready pods in the route registry. Every API call it makes is checked against
 * {@code rbac/runtime-calls.txt}, the list the RBAC manifests are checked against (run with
 * {@code -Dferry.rbac.record=true} to write the list anew).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRuntimeTest {

    private static final Set<String> CALLS = new TreeSet<>();
    private static final Path CALLS_FILE = Path.of("src/test/resources/rbac/runtime-calls.txt");
    private static final int SERVING_PORT = 5000;

    KubernetesMockServer server;
    KubernetesClient client;
    /** The test's own view of the cluster; its calls are not Ferry's. */
    private KubernetesClient observer;

    private final MemoryRouteRegistry routes = new MemoryRouteRegistry();
    private final MemoryAppLogs logs = new MemoryAppLogs();
    private KubernetesRuntime runtime;
    private TestKubelet kubelet;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() {
        KubernetesRuntimeConfig config = KubernetesRuntimeConfig.defaults("http://ferry-control.ferry:7070")
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5));
        runtime = new KubernetesRuntime(client, config, new SlugTokens(new byte[32]), ReleaseFacts.NONE, routes,
                app -> List.of(app.value() + ".localhost"), logs, Clock.systemUTC());
        kubelet = new TestKubelet(server, SERVING_PORT);
        observer = TestKubelet.observer(server);
    }

    @AfterEach
    void stop() throws Exception {
        kubelet.close();
        observer.close();
        runtime.close();
        synchronized (CALLS) {
            CALLS.addAll(ApiCalls.drain(server));
        }
    }

    @AfterAll
    static void everyCallIsListedForRbac() throws Exception {
        if (Boolean.getBoolean("ferry.rbac.record")) {
            ApiCalls.merge(CALLS_FILE, CALLS);
        }
        assertThat(ApiCalls.missingFrom(CALLS_FILE, CALLS)).as("calls missing from " + CALLS_FILE).isEmpty();
    }

    private DeployResult apply(Release release, Map<String, Integer> formation) {
        return runtime.apply(DesiredState.of(release, new Formation(Releases.HELLO, formation)), progress::add);
    }

    private static Release v(int version, Map<String, String> types) {
        return Releases.of(version, types, Map.of("GREETING", "hi v" + version));
    }

    private List<Endpoint> served() {
        return Optional.ofNullable(routes.table().route("hello.localhost")).map(r -> r.endpoints()).orElse(List.of());
    }

    private Deployment deployment(String name) {
        return observer.apps().deployments().inNamespace("ferry-hello").withName(name).get();
    }

    @Test
    void runsAReleaseAsNamespaceSecretsDeploymentsAndAService() {
        DeployResult result = apply(v(1, Map.of("web", "./serve", "worker", "./work")), Map.of("web", 2, "worker", 1));

        assertThat(result.succeeded()).as(result.reason()).isTrue();
        assertThat(observer.namespaces().withName("ferry-hello").get()).isNotNull();
        assertThat(observer.secrets().inNamespace("ferry-hello").withName("release-v1").get()).isNotNull();
        assertThat(observer.secrets().inNamespace("ferry-hello").withName("slug-v1").get()).isNotNull();
        assertThat(deployment("web").getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment("worker").getSpec().getReplicas()).isEqualTo(1);
        assertThat(observer.services().inNamespace("ferry-hello").withName("web").get()).isNotNull();
        ActualState actual = runtime.actual(Releases.HELLO);
        assertThat(actual.release()).isEqualTo(1);
        assertThat(actual.instances()).extracting(i -> i.name() + " " + i.state() + " v" + i.release())
                .containsExactly("web.1 UP v1", "web.2 UP v1", "worker.1 UP v1");
    }

    @Test
    void registersTheReadyWebPodsUnderTheAppsHostsAndDeregistersThoseThatGo() {
        apply(v(1, Map.of("web", "./serve")), Map.of("web", 2));

        await().atMost(Duration.ofSeconds(5)).until(() -> served().size() == 2);
        assertThat(served()).allSatisfy(e -> {
            assertThat(e.host()).startsWith("127.0.0.");
            assertThat(e.port()).isEqualTo(SERVING_PORT);
        });

        apply(v(1, Map.of("web", "./serve")), Map.of("web", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> served().size() == 1);
        Set<Endpoint> left = runtime.registeredEndpoints(Releases.HELLO);
        assertThat(left).hasSize(1);
    }

    @Test
    void runsTheReleasePhaseAsAJobBeforeTheDeploymentsChange() {
        DeployResult result = apply(v(1, Map.of("web", "./serve", "release", "./migrate")), Map.of("web", 1));

        assertThat(result.succeeded()).as(result.reason()).isTrue();
        var job = observer.batch().v1().jobs().inNamespace("ferry-hello").withName("release-v1").get();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                .containsExactly("/bin/sh", "-c", "./migrate");
        assertThat(progress).anyMatch(l -> l.startsWith("Running release command: ./migrate"));
        assertThat(deployment("release")).as("the release phase runs no instances").isNull();
    }

    @Test
    void aFailedReleaseJobAbandonsTheRolloutAndLeavesTheRunningDeploymentUntouched() {
        assertThat(apply(v(1, Map.of("web", "./serve")), Map.of("web", 1)).succeeded()).isTrue();
        Deployment before = deployment("web");
        kubelet.failJobs();

        DeployResult result = apply(v(2, Map.of("web", "./serve --v2", "release", "./migrate")), Map.of("web", 1));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.reason()).contains("release command of v2 failed").contains("backoff limit");
        Deployment after = deployment("web");
        assertThat(after.getSpec()).isEqualTo(before.getSpec());
        assertThat(after.getMetadata().getLabels()).containsEntry("ferry.dev/release", "1");
        assertThat(runtime.actual(Releases.HELLO).release()).isEqualTo(1);
    }

    @Test
    void putsTheOldDeploymentBackWhenTheNewPodsAreNotReadyInTime() {
        assertThat(apply(v(1, Map.of("web", "./serve")), Map.of("web", 1)).succeeded()).isTrue();
        kubelet.neverReady();

        DeployResult result = apply(v(2, Map.of("web", "./serve --v2")), Map.of("web", 1));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.reason()).contains("web of v2 was not ready within 3 s");
        assertThat(deployment("web").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("ferry.dev/release", "1");
    }

    @Test
    void stopsRestartsAndDestroys() {
        apply(v(1, Map.of("web", "./serve", "worker", "./work")), Map.of("web", 1, "worker", 2));

        assertThat(runtime.restart(Releases.HELLO, Optional.of("web"))).isEqualTo(1);
        assertThat(deployment("web").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(FerryLabels.RESTARTED_AT);
        assertThat(runtime.stop(Releases.HELLO, "worker")).isEqualTo(2);
        assertThat(deployment("worker").getSpec().getReplicas()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> !served().isEmpty());

        runtime.destroy(Releases.HELLO);

        assertThat(observer.namespaces().withName("ferry-hello").get()).isNull();
        assertThat(runtime.registeredEndpoints(Releases.HELLO)).isEmpty();
        assertThat(served()).isEmpty();
    }

    @Test
    void rollsToTheNextReleaseAndDropsTheSecretsOfTheOldOne() {
        apply(v(1, Map.of("web", "./serve")), Map.of("web", 1));

        DeployResult result = apply(v(2, Map.of("web", "./serve --v2")), Map.of("web", 1));

        assertThat(result.succeeded()).as(result.reason()).isTrue();
        assertThat(deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                .containsExactly("/bin/sh", "-c", "./serve --v2");
        assertThat(observer.secrets().inNamespace("ferry-hello").withName("release-v1").get()).isNull();
        assertThat(observer.secrets().inNamespace("ferry-hello").withName("release-v2").get()).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.actual(Releases.HELLO).instances().stream()
                .allMatch(i -> i.release() == 2));
    }

    @Test
    void stopsOneInstanceByRemovingItFirstOnScaleDownAndRestartsOneByDeletingItsPod() {
        apply(v(1, Map.of("web", "./serve")), Map.of("web", 2));
        List<String> podsBefore = observer.pods().inNamespace("ferry-hello").list().getItems().stream()
                .sorted(java.util.Comparator.comparing((io.fabric8.kubernetes.api.model.Pod p) -> p.getMetadata().getCreationTimestamp()).thenComparing(p -> p.getMetadata().getName()))
                .map(p -> p.getMetadata().getName()).toList();

        assertThat(runtime.stop(Releases.HELLO, "web.1")).isEqualTo(1);

        assertThat(deployment("web").getSpec().getReplicas()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.pods().inNamespace("ferry-hello").list().getItems()
                .stream().map(p -> p.getMetadata().getName()).toList().equals(List.of(podsBefore.get(1))));
        assertThat(runtime.restart(Releases.HELLO, Optional.of("web.1"))).isEqualTo(1);
        assertThat(runtime.stop(Releases.HELLO, "web.9")).isZero();
    }

    @Test
    void stopsEverythingWhenNoReleaseShouldRun() {
        apply(v(1, Map.of("web", "./serve")), Map.of("web", 1));

        assertThat(runtime.apply(DesiredState.nothing(Releases.HELLO), progress::add).succeeded()).isTrue();

        assertThat(deployment("web")).isNull();
        assertThat(runtime.actual(AppName.of("hello"))).isEqualTo(ActualState.none(Releases.HELLO));
    }

    @Test
    void writesItsEventsToTheAppsLog() {
        apply(v(1, Map.of("web", "./serve")), Map.of("web", 1));

        assertThat(logs.texts("runtime")).anyMatch(t -> t.contains("v1 is rolled out"));
    }

    @Test
    void measuresEachInstancesCpuAndMemoryFromThePodMetricsApi() {
        assertThat(apply(v(1, Map.of("web", "./serve")), Map.of("web", 2)).succeeded()).isTrue();
        assertThat(runtime.measure(Releases.HELLO)).as("no metrics API: not measured, not 0").isEmpty();

        List<String> pods = observer.pods().inNamespace("ferry-hello").list().getItems().stream()
                .filter(p -> "web".equals(p.getMetadata().getLabels().get(FerryLabels.PROCESS_TYPE)))
                .sorted(java.util.Comparator.comparing((io.fabric8.kubernetes.api.model.Pod p) ->
                        p.getMetadata().getCreationTimestamp()).thenComparing(p -> p.getMetadata().getName()))
                .map(p -> p.getMetadata().getName()).toList();
        assertThat(pods).hasSize(2);
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/ferry-hello/pods")
                .andReturn(200, new io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder()
                        .addNewItem().withNewMetadata().withName(pods.get(0)).withNamespace("ferry-hello").endMetadata()
                        .withTimestamp("2026-12-05T10:00:00Z").withWindow(new io.fabric8.kubernetes.api.model.Duration(
                                java.time.Duration.ofSeconds(15)))
                        .addNewContainer().withName("app").addToUsage("cpu", new io.fabric8.kubernetes.api.model.Quantity("250m"))
                        .addToUsage("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi")).endContainer()
                        .addNewContainer().withName("sidecar").addToUsage("cpu", new io.fabric8.kubernetes.api.model.Quantity("1"))
                        .addToUsage("memory", new io.fabric8.kubernetes.api.model.Quantity("1Mi")).endContainer()
                        .endItem()
                        .addNewItem().withNewMetadata().withName("someone-elses-pod").endMetadata()
                        .addNewContainer().withName("x").addToUsage("cpu", new io.fabric8.kubernetes.api.model.Quantity("2"))
                        .endContainer().endItem()
                        .build()).always();

        Map<String, dev.ferry.core.runtime.InstanceUsage> used = runtime.measure(Releases.HELLO);

        assertThat(used).containsOnlyKeys("web.1").as("web.2 has no metrics yet: not measured");
        assertThat(used.get("web.1").cpuPercent()).isEqualTo(125.0);
        assertThat(used.get("web.1").memoryBytes()).isEqualTo(65L * 1024 * 1024);
        assertThat(used.get("web.1").at()).isEqualTo(java.time.Instant.parse("2026-12-05T10:00:00Z"));
    }
}
