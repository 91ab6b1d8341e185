package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.kubernetes.testing.MockKubeconfig;
import dev.ferry.kubernetes.testing.TestKubelet;
import dev.ferry.store.route.RedisServerProcess;
import dev.ferry.testing.HttpOrigin;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        Path kubeconfig = MockKubeconfig.write(dir.resolve("kubeconfig"), server);
        try (HttpOrigin pod = HttpOrigin.start(exchange -> {
                byte[] body = "served by the pod\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
             TestKubelet kubelet = new TestKubelet(server, pod.port());
             KubernetesClient observer = TestKubelet.observer(server);
             RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             ChildRouter router = ChildRouter.start(dir.resolve("router"), redis.uri());
             ChildControl control = ChildControl.start(dir.resolve("control"), redis.uri(),
                     Map.of("KUBECONFIG", kubeconfig.toString()), "--runtime", "kubernetes", "--namespace-prefix", "apps-",
                     "--stack-image", "procfile=alpine:3.20", "--control-url", "http://ferry-control.ferry:7070")) {
            int apiPort = control.apiPort;
            Api anonymous = new Api(apiPort, router.httpPort, "none");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> anonymous.unauthenticated("/api/health").statusCode() == 200);
            assertThat(control.log()).contains("kubernetes: each app in namespace apps-<app>");
            String token = control.adminToken();
            Api admin = new Api(apiPort, router.httpPort, token);
            assertThat(admin.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
            Git git = new Git(dir.resolve("app"), dir.resolve("home")).init()
                    .write("Procfile", "web: ./server.sh\n")
                    .write("server.sh", "#!/bin/sh\nexec python3 -m http.server \"$PORT\"\n");
            git.commit("first");
            List<String> push = new ArrayList<>(List.of(Git.tokenHelper(token)));
            push.addAll(List.of("push", "http://127.0.0.1:" + apiPort + "/git/hello.git", "main"));

            Git.Result pushed = git.run(push.toArray(String[]::new));

            assertThat(pushed.exit()).as(pushed.output() + control.log()).isZero();
            var web = observer.apps().deployments().inNamespace("apps-hello").withName("web").get();
            assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("alpine:3.20");
            assertThat(web.getSpec().getTemplate().getSpec().getInitContainers().get(0).getEnv())
                    .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("http://ferry-control.ferry:7070/slugs/hello/v1"));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(admin.viaRouter("hello.localhost", "/").body()).isEqualTo("served by the pod\n"));
        }
    }
}
