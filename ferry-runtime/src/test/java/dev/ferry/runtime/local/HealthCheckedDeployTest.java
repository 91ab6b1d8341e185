package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.AppName;
import dev.ferry.runtime.sandbox.SandboxMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCheckedDeployTest {

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    Path tmp;
    TestApps apps;
    LocalRuntime runtime;

    @BeforeEach
    void start() {
        apps = new TestApps(tmp);
        runtime = apps.runtime(SandboxMode.AUTO);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void failsDeployWhenDeclaredStartupCheckDoesNotFindItsContent() throws Exception {
        String slug = apps.slug("s1", Map.of("server.py", TestApps.SERVER, "app.json",
                "{\"healthchecks\": {\"web\": [{\"type\": \"startup\", \"path\": \"/\", \"content\": \"ok green\","
                        + " \"attempts\": 5, \"wait\": 1}]}}"));

        DeployResult blue = runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of("VERSION", "blue")),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });
        DeployResult green = runtime.deploy(TestApps.webRelease("hello", 2, slug, Map.of("VERSION", "green")),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });

        assertThat(blue.succeeded()).isFalse();
        assertThat(blue.reason()).contains("failed startup check GET / containing \"ok green\" after 5 attempts");
        assertThat(green.succeeded()).as(green.reason()).isTrue();
    }

    @Test
    void servesEveryRequestAcrossADeploy() throws Exception {
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of("VERSION", "one")),
                TestApps.formation("hello", Map.of("web", 2)), l -> { });
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the client follows the route table like a router would: each request goes to a currently registered port
        Thread client = Thread.ofVirtual().start(() -> {
            for (int n = 0; running.get() && n < 100_000; n++) {
                List<Integer> ports = apps.routes.ports("hello.localhost");
                if (ports.isEmpty()) {
                    failures.add("no endpoint");
                    continue;
                }
                var r = apps.get(ports.get(n % ports.size()), "/");
                if (r.getKey() == 200) {
                    ok.incrementAndGet();
                } else {
                    failures.add(r.getKey() + " " + r.getValue());
                }
            }
        });

        DeployResult result = runtime.deploy(TestApps.webRelease("hello", 2, slug, Map.of("VERSION", "two")),
                TestApps.formation("hello", Map.of("web", 2)), l -> { });
        await().atMost(Duration.ofSeconds(15)).until(() -> runtime.instances(HELLO).size() == 2);
        int before = ok.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> ok.get() > before + 20);
        running.set(false);
        client.join(10_000);

        assertThat(result.succeeded()).as(result.reason()).isTrue();
        assertThat(failures).isEmpty();
        assertThat(runtime.instances(HELLO)).allMatch(i -> i.state() == InstanceState.UP && i.release() == 2);
    }

    @Test
    void restartsWebInstanceThatFailsItsLivenessCheck() throws Exception {
        // answers health checks until /app/sick exists; the liveness check then fails
        String server = TestApps.SERVER.replace("code = 500 if os.environ.get(\"BROKEN\") else 200",
                "code = 500 if os.path.exists(\"sick\") else 200");
        String slug = apps.slug("s1", Map.of("server.py", server, "app.json",
                "{\"healthchecks\": {\"web\": [{\"type\": \"liveness\", \"path\": \"/\", \"attempts\": 1}]}}"));
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of()), TestApps.formation("hello", Map.of("web", 1)),
                l -> { });
        int port = runtime.instances(HELLO).get(0).port();
        var touch = runtime.run(TestApps.webRelease("hello", 1, slug, Map.of()), "true", Map.of());
        touch.waitFor();
        Path instances = tmp.resolve("data/runtime/apps/hello/instances");
        try (var list = java.nio.file.Files.list(instances)) {
            Path dir = list.filter(p -> p.getFileName().toString().startsWith("web.1-")).findFirst().orElseThrow();
            java.nio.file.Files.writeString(dir.resolve("sick"), "");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> apps.routes.changes().contains("-hello.localhost " + port));
        await().atMost(Duration.ofSeconds(15)).until(() -> runtime.instances(HELLO).get(0).restarts() == 1
                && runtime.instances(HELLO).get(0).state() == InstanceState.UP);
        assertThat(apps.logs.texts("runtime")).anyMatch(t -> t.contains("web.1 failed its liveness check"));
    }
}
