package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.kubernetes.testing.ApiCalls;
import dev.ferry.kubernetes.testing.MockKubeconfig;
import dev.ferry.kubernetes.testing.TestKubelet;
import dev.ferry.server.Platform;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.RuntimeSettings;
import dev.ferry.testing.HttpOrigin;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's first "done means": a platform with {@code --runtime kubernetes} against the mock API server (through a
 * kubeconfig file, as {@code KUBECONFIG} names one). An app is created and pushed with the real git client; its
 * namespace, Secrets, release Job, Deployment and Service appear; once the stand-in kubelet has run the Job and made
 * the web pod ready, the pod's address is in the route table and a request through the router reaches the stand-in
 * server at that address. Every API call the platform made is one the RBAC list names.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesPlatformTest {

    private static final Path CALLS_FILE = Path.of("../ferry-kubernetes/src/test/resources/rbac/runtime-calls.txt");

    KubernetesMockServer server;
    KubernetesClient client;
    /** The test's own view of the cluster; its calls are not Ferry's. */
    private KubernetesClient observer;

    @TempDir
    Path work;

    private HttpOrigin pod;
    private TestKubelet kubelet;
    private Platform platform;

    @BeforeEach
    void start() throws Exception {
        pod = HttpOrigin.start(exchange -> {
            byte[] body = "hello from the pod\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        kubelet = new TestKubelet(server, pod.port());
        observer = TestKubelet.observer(server);
        Path kubeconfig = MockKubeconfig.write(work.resolve("kubeconfig"), server);
        FerryConfig config = FerryConfig.ephemeral(work.resolve("data"))
                .withRuntime(RuntimeSettings.LOCAL.onKubernetes().withKubeconfig(kubeconfig));
        platform = Platform.start(config, PlatformTuning.DEFAULT.withRuntime(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        kubelet.close();
        observer.close();
        pod.close();
    }

    @Test
    void pushedAppRunsOnKubernetesAndItsReadyPodsServeThroughTheRouter() throws Exception {
        String token = platform.adminToken().token();
        Api admin = new Api(platform.apiPort(), platform.httpPort(), token);
        assertThat(admin.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        Git git = new Git(work.resolve("app"), work.resolve("home")).init()
                .write("Procfile", "web: ./server.sh\nrelease: ./migrate.sh\n")
                .write("server.sh", "#!/bin/sh\nexec python3 -m http.server \"$PORT\"\n")
                .write("migrate.sh", "#!/bin/sh\necho migrated\n");
        Files.setPosixFilePermissions(git.dir().resolve("server.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        git.commit("first");

        List<String> push = new ArrayList<>(List.of(Git.tokenHelper(token)));
        push.addAll(List.of("push", "http://127.0.0.1:" + platform.apiPort() + "/git/hello.git", "main"));
        Git.Result pushed = git.run(push.toArray(String[]::new));

        assertThat(pushed.exit()).as(pushed.output()).isZero();
        assertThat(pushed.output()).contains("Running release command: ./migrate.sh").contains("Released v1");
        assertThat(observer.namespaces().withName("ferry-hello").get()).isNotNull();
        assertThat(observer.secrets().inNamespace("ferry-hello").withName("release-v1").get()).isNotNull();
        assertThat(observer.batch().v1().jobs().inNamespace("ferry-hello").withName("release-v1").get()).isNotNull();
        var web = observer.apps().deployments().inNamespace("ferry-hello").withName("web").get();
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                .containsExactly("/bin/sh", "-c", "./server.sh");
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("debian:bookworm-slim");
        assertThat(observer.services().inNamespace("ferry-hello").withName("web").get()).isNotNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> Optional.ofNullable(
                platform.registry().table().route("hello.localhost")).map(Route::endpoints).orElse(List.of())
                .contains(Endpoint.of("127.0.0.1", pod.port())));
        var answer = admin.viaRouter("hello.localhost", "/");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hello from the pod\n");
        var ps = admin.get("/api/apps/hello/ps");
        assertThat(ps.body()).contains("\"name\":\"web.1\"").contains("\"state\":\"up\"");

        Set<String> calls = ApiCalls.drain(server);
        assertThat(ApiCalls.missingFrom(CALLS_FILE, calls)).as("calls missing from " + CALLS_FILE).isEmpty();
    }
}
