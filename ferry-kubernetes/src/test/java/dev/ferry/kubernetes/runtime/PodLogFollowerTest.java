package dev.ferry.kubernetes.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.kubernetes.testing.TestKubelet;
import dev.ferry.testing.MemoryAppLogs;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry logs} on Kubernetes: the output of a running instance pod reaches the app's log stream under its
 * type, and one-off pods are left to their caller. The mock serves no logs by itself, so the test answers the log
 * requests.
 */
@EnableKubernetesMockClient(crud = true)
class PodLogFollowerTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void followsTheOutputOfRunningInstancePodsIntoTheAppsLogStream() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/ferry-hello/pods/web-abc12/log?pretty=false&container=web&follow=true")
                .andReturn(200, "listening on 5000\nGET / 200\n").always();
        MemoryAppLogs logs = new MemoryAppLogs();
        try (KubernetesClient observer = TestKubelet.observer(server);
             PodLogFollower follower = new PodLogFollower(client, "ferry-", logs, Clock.systemUTC())) {
            observer.pods().inNamespace("ferry-hello").resource(pod("web-abc12", "web")).create();
            observer.pods().inNamespace("ferry-hello").resource(pod("run-1234", "run")).create();

            await().atMost(Duration.ofSeconds(5)).until(() -> logs.texts("web.abc12").size() == 2);
            assertThat(logs.texts("web.abc12")).containsExactly("listening on 5000", "GET / 200");
            assertThat(logs.recent(Releases.HELLO, 10, java.util.Optional.of("web"))).hasSize(2);
            assertThat(logs.texts("run.1234")).isEmpty();
        }
    }

    private static io.fabric8.kubernetes.api.model.Pod pod(String name, String type) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ferry-hello")
                .withLabels(FerryLabels.ofRelease("hello", type, 1)).endMetadata()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName(type).withRestartCount(0)
                .endContainerStatus().endStatus().build();
    }
}
