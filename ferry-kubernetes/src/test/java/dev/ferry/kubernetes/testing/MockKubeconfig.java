package dev.ferry.kubernetes.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig file whose one context names the mock API server (namespace {@code default}, no user), for the tests
 * that hand Ferry a {@code KUBECONFIG} as a person would rather than a client.
 */
public final class MockKubeconfig {

    private MockKubeconfig() {
    }

    /** Writes the kubeconfig to {@code file} and returns it. */
    public static Path write(Path file, KubernetesMockServer server) throws IOException {
        return Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    namespace: default
                current-context: mock
                users: []
                """.formatted(server.url("/").replaceAll("/$", "")));
    }
}
