package dev.ferry.kubernetes.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.build.SlugTokens;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.testing.MemoryAppLogs;
import dev.ferry.testing.MemoryRouteRegistry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry run} on Kubernetes: a pod of its own with the release's slug and env and the command, its log as the
 * output and its container's exit code. The mock serves no logs by itself, so the test answers the log request.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesOneOffTest {

    KubernetesMockServer server;
    KubernetesClient client;
    /** The test's own view of the cluster; its calls are not Ferry's. */
    private KubernetesClient observer;

    @Test
    void runsTheCommandInAPodAndReportsItsOutputAndExitCode() throws Exception {
        observer = dev.ferry.kubernetes.testing.TestKubelet.observer(server);
        KubernetesRuntimeConfig config = KubernetesRuntimeConfig.defaults("http://control:7070");
        try (KubernetesRuntime runtime = new KubernetesRuntime(client, config, new SlugTokens(new byte[32]),
                ReleaseFacts.NONE, new MemoryRouteRegistry(), app -> List.of(), new MemoryAppLogs(), Clock.systemUTC())) {
            OneOffProcess run = runtime.run(Releases.of(2, Map.of("web", "./serve"), Map.of()), "rake db:migrate",
                    Map.of("EXTRA", "1"));
            Pod pod = observer.pods().inNamespace("ferry-hello").list().getItems().get(0);
            assertThat(pod.getSpec().getContainers().get(0).getCommand())
                    .containsExactly("/bin/sh", "-c", "rake db:migrate");
            assertThat(pod.getSpec().getContainers().get(0).getEnv()).anyMatch(e -> e.getName().equals("EXTRA"));
            assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
            assertThat(observer.secrets().inNamespace("ferry-hello").withName("slug-v2").get()).isNotNull();
            server.expect().get().withPath("/api/v1/namespaces/ferry-hello/pods/" + pod.getMetadata().getName()
                    + "/log?pretty=false&container=run&follow=true").andReturn(200, "migrated\n").always();

            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.waitFor();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            observer.pods().inNamespace("ferry-hello").resource(new PodBuilder(pod).withNewStatus().withPhase("Failed")
                    .addNewContainerStatus().withName("run").withNewState().withNewTerminated().withExitCode(3)
                    .endTerminated().endState().endContainerStatus().endStatus().build()).update();

            assertThat(new String(run.output().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("migrated\n");
            await().atMost(Duration.ofSeconds(5)).until(exit::isDone);
            assertThat(exit.get()).isEqualTo(3);
            run.close();
            assertThat(observer.pods().inNamespace("ferry-hello").list().getItems()).isEmpty();
        }
        java.util.Set<String> calls = dev.ferry.kubernetes.testing.ApiCalls.drain(server);
        java.nio.file.Path file = java.nio.file.Path.of("src/test/resources/rbac/runtime-calls.txt");
        if (Boolean.getBoolean("ferry.rbac.record")) {
            dev.ferry.kubernetes.testing.ApiCalls.merge(file, calls);
        }
        assertThat(dev.ferry.kubernetes.testing.ApiCalls.missingFrom(file, calls)).as("calls missing from " + file).isEmpty();
    }

    @Test
    void refusesATerminalOrADetachedRunWithASentenceSayingWhatToDo() {
        try (KubernetesRuntime runtime = new KubernetesRuntime(client, KubernetesRuntimeConfig.defaults("http://control:7070"),
                new SlugTokens(new byte[32]), ReleaseFacts.NONE, new MemoryRouteRegistry(), app -> List.of(),
                new MemoryAppLogs(), Clock.systemUTC())) {
            var release = Releases.of(2, Map.of("web", "./serve"), Map.of());
            var onTerminal = new dev.ferry.core.runtime.OneOffCommand(List.of("bash"), Map.of(),
                    java.util.Optional.of(new dev.ferry.core.runtime.OneOffCommand.Terminal(80, 24)), false);
            var detached = new dev.ferry.core.runtime.OneOffCommand(List.of("rake", "jobs"), Map.of(),
                    java.util.Optional.empty(), true);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.start(release, onTerminal))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("ferry run --no-tty");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.start(release, detached))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("detached");
            assertThat(client.pods().inAnyNamespace().list().getItems()).isEmpty();
        }
    }
}
