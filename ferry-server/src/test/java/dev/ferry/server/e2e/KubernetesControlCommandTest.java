package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.kubernetes.testing.TestKubelet;
import dev.ferry.server.Main;
import dev.ferry.store.route.RedisServerProcess;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.HttpOrigin;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry control --runtime kubernetes} from the outside: the real binary's entry point in a child JVM, with the
 * flags a person types and {@code KUBECONFIG} naming the mock API server, on a Redis registry that a separate
 * {@code ferry router} follows. A pushed app gets its namespace under the given prefix and the stack image given
 * for its buildpack; once the stand-in kubelet makes its pod ready, the router serves the stand-in server at the
 * pod's address.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesControlCommandTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void controlNodeOnKubernetesDeploysAPushAndTheRouterServesItsReadyPod() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
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
                current-context: mock
                users: []
                """.formatted(server.url("/").replaceAll("/$", "")));
        try (HttpOrigin pod = HttpOrigin.start(exchange -> {
                byte[] body = "served by the pod\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
             TestKubelet kubelet = new TestKubelet(server, pod.port());
             KubernetesClient observer = TestKubelet.observer(server);
             RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             ChildRouter router = ChildRouter.start(dir.resolve("router"), redis.uri())) {
            int apiPort = FreePorts.loopback();
            Process control = startControl(apiPort, redis.uri(), kubeconfig);
            try {
                Api anonymous = new Api(apiPort, router.httpPort, "none");
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> anonymous.unauthenticated("/api/health").statusCode() == 200);
                assertThat(log()).contains("kubernetes: each app in namespace apps-<app>");
                String token = Files.readString(dir.resolve("control-data/admin-token")).strip();
                Api admin = new Api(apiPort, router.httpPort, token);
                assertThat(admin.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
                Git git = new Git(dir.resolve("app"), dir.resolve("home")).init()
                        .write("Procfile", "web: ./server.sh\n")
                        .write("server.sh", "#!/bin/sh\nexec python3 -m http.server \"$PORT\"\n");
                git.commit("first");
                List<String> push = new ArrayList<>(List.of(Git.tokenHelper(token)));
                push.addAll(List.of("push", "http://127.0.0.1:" + apiPort + "/git/hello.git", "main"));

                Git.Result pushed = git.run(push.toArray(String[]::new));

                assertThat(pushed.exit()).as(pushed.output() + log()).isZero();
                var web = observer.apps().deployments().inNamespace("apps-hello").withName("web").get();
                assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                        .isEqualTo("alpine:3.20");
                assertThat(web.getSpec().getTemplate().getSpec().getInitContainers().get(0).getEnv())
                        .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("http://ferry-control.ferry:7070/slugs/hello/v1"));
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                        assertThat(admin.viaRouter("hello.localhost", "/").body()).isEqualTo("served by the pod\n"));
            } finally {
                control.destroy();
                if (!control.waitFor(30, TimeUnit.SECONDS)) {
                    control.destroyForcibly();
                }
            }
        }
    }

    private Process startControl(int apiPort, String registry, Path kubeconfig) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path home = Files.createDirectories(dir.resolve("control-home"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "control", "--registry", registry, "--data-dir", dir.resolve("control-data").toString(),
                "--api-port", String.valueOf(apiPort), "--ssh-port", "0", "--tunnel-port", "0",
                "--runtime", "kubernetes", "--namespace-prefix", "apps-", "--stack-image", "procfile=alpine:3.20",
                "--control-url", "http://ferry-control.ferry:7070")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("control.log").toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().remove("FERRY_DATA_DIR");
        return pb.start();
    }

    private String log() throws IOException {
        Path log = dir.resolve("control.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
