package dev.ferry.server.kubernetes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.RuntimeSettings;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A platform on a cluster it cannot reach refuses to start with a sentence, and leaves nothing running. */
class KubernetesWiringTest {

    @TempDir
    Path dir;

    @Test
    void refusesToStartWhenTheKubernetesApiDoesNotAnswer() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: gone
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: gone
                  context:
                    cluster: gone
                current-context: gone
                users: []
                """.formatted(closedPort));
        FerryConfig config = FerryConfig.ephemeral(dir.resolve("data"))
                .withRuntime(RuntimeSettings.LOCAL.onKubernetes().withKubeconfig(kubeconfig));

        assertThatThrownBy(() -> Platform.start(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot reach the Kubernetes API at http://127.0.0.1:" + closedPort)
                .hasMessageEndingWith("--runtime kubernetes needs the in-cluster config or KUBECONFIG naming a cluster");
    }
}
