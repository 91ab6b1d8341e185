package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.AppName;
import dev.ferry.runtime.sandbox.SandboxMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRuntimeDeployTest {

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
    void startsHealthyWebInstanceAndRegistersIt() throws Exception {
        String slug = apps.serverSlug("s1");
        List<String> progress = new CopyOnWriteArrayList<>();
        DeployResult result = runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of("VERSION", "one")),
                TestApps.formation("hello", Map.of("web", 1)), progress::add);

        assertThat(result.succeeded()).as(result.reason()).isTrue();
        List<Instance> instances = runtime.instances(AppName.of("hello"));
        assertThat(instances).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("web.1");
            assertThat(i.state()).isEqualTo(InstanceState.UP);
            assertThat(i.pid()).isPositive();
        });
        int port = instances.get(0).port();
        assertThat(apps.routes.ports("hello.localhost")).containsExactly(port);
        assertThat(apps.get(port, "/").getValue()).isEqualTo("ok one web.1");
        assertThat(progress).anyMatch(l -> l.contains("web.1 healthy in"));
        await().atMost(Duration.ofSeconds(5)).until(() -> apps.logs.texts("web.1").contains("listening on " + port));
        assertThat(apps.logs.texts("runtime")).anyMatch(t -> t.contains("deploy of v1 succeeded"));
        await().atMost(Duration.ofSeconds(5)).until(() -> apps.routes.refreshes() > 0);
    }

    @Test
    void givesInstancesAPathWithoutHostDirectoriesTheirCommandsDoNotUse() throws Exception {
        String slug = apps.serverSlug("s1");
        DeployResult result = runtime.deploy(TestApps.release("hello", 1, slug,
                Map.of("web", "python3 -u server.py", "worker", "sh -c 'echo PATH=$PATH; exec sleep 60'"), Map.of()),
                TestApps.formation("hello", Map.of("web", 1, "worker", 1)), line -> { });
        assertThat(result.succeeded()).as(result.reason()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> apps.logs.texts("worker.1").stream().anyMatch(t -> t.startsWith("PATH=")));
        String path = apps.logs.texts("worker.1").stream().filter(t -> t.startsWith("PATH=")).findFirst().orElseThrow();
        List<String> entries = List.of(path.substring(5).split(":"));
        List<String> programs = List.of("python3", "sh", "echo", "exec", "sleep");
        for (String hostDir : System.getenv().getOrDefault("PATH", "").split(":")) {
            boolean used = programs.stream().anyMatch(p -> java.nio.file.Files.isExecutable(Path.of(hostDir, p)));
            if (!InstancePath.SYSTEM_DIRS.contains(hostDir) && !used) {
                assertThat(entries).as("a host directory no command uses").doesNotContain(hostDir);
            }
        }
        assertThat(entries).contains("/usr/bin");
        assertThat(entries.getFirst()).endsWith("/bin");
    }

    @Test
    void registersNewInstancesBeforeRemovingOldOnes() throws Exception {
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of("VERSION", "one")),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });
        int oldPort = runtime.instances(AppName.of("hello")).get(0).port();

        DeployResult second = runtime.deploy(TestApps.webRelease("hello", 2, slug, Map.of("VERSION", "two")),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });

        assertThat(second.succeeded()).as(second.reason()).isTrue();
        int newPort = runtime.instances(AppName.of("hello")).stream().filter(i -> i.state() == InstanceState.UP)
                .findFirst().orElseThrow().port();
        assertThat(apps.routes.changes()).containsSubsequence("+hello.localhost " + oldPort,
                "+hello.localhost " + newPort, "-hello.localhost " + oldPort);
        assertThat(apps.get(newPort, "/").getValue()).isEqualTo("ok two web.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> apps.get(oldPort, "/").getKey() == -1);
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.instances(AppName.of("hello")).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> apps.logs.texts("web.1").contains("got SIGTERM"));
    }

    @Test
    void letsInFlightRequestFinishBeforeStoppingOldInstance() throws Exception {
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of("VERSION", "one")),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });
        int oldPort = runtime.instances(AppName.of("hello")).get(0).port();
        var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> apps.get(oldPort, "/slow"));
        await().atMost(Duration.ofSeconds(5)).until(() -> dev.ferry.runtime.process.TcpConnections.establishedTo(oldPort) > 0);

        DeployResult second = runtime.deploy(TestApps.webRelease("hello", 2, slug, Map.of("VERSION", "two")),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });

        assertThat(second.succeeded()).as(second.reason()).isTrue();
        assertThat(slow.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Map.entry(200, "ok one web.1"));
    }

    @Test
    void endsDrainWhenOnlyIdleKeepAliveConnectionsRemain() throws Exception {
        runtime.close();
        runtime = apps.runtime(apps.config().drainTimeout(Duration.ofSeconds(30)).build());
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of()), TestApps.formation("hello", Map.of("web", 1)),
                l -> { });
        int oldPort = runtime.instances(AppName.of("hello")).get(0).port();
        // a router's pooled connection: one answered request, then kept open
        try (java.net.Socket pooled = new java.net.Socket("127.0.0.1", oldPort)) {
            pooled.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertThat(new String(pooled.getInputStream().readNBytes(15))).isEqualTo("HTTP/1.1 200 OK");

            runtime.deploy(TestApps.webRelease("hello", 2, slug, Map.of()),
                    TestApps.formation("hello", Map.of("web", 1)), l -> { });

            await().atMost(Duration.ofSeconds(10)).until(() -> runtime.instances(AppName.of("hello")).size() == 1);
        }
    }

    @Test
    void abandonsUnhealthyReleaseWhileOldKeepsServing() throws Exception {
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of("VERSION", "one")),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });
        int oldPort = runtime.instances(AppName.of("hello")).get(0).port();
        LocalRuntime quick = null;

        DeployResult broken = runtime.deploy(TestApps.webRelease("hello", 2, slug, Map.of("BROKEN", "1")),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });

        assertThat(broken.succeeded()).isFalse();
        assertThat(broken.reason()).contains("web.1").contains("500");
        assertThat(runtime.instances(AppName.of("hello"))).singleElement()
                .satisfies(i -> assertThat(i.release()).isEqualTo(1));
        assertThat(apps.routes.ports("hello.localhost")).containsExactly(oldPort);
        assertThat(apps.get(oldPort, "/").getValue()).isEqualTo("ok one web.1");
    }

    @Test
    void failsDeployWhenReleaseCommandFails() throws Exception {
        String slug = apps.slug("s2", Map.of("server.py", TestApps.SERVER));
        List<String> progress = new CopyOnWriteArrayList<>();
        DeployResult result = runtime.deploy(TestApps.release("hello", 1, slug,
                        Map.of("web", "python3 -u server.py", "release", "echo migrating; exit 4"), Map.of()),
                TestApps.formation("hello", Map.of("web", 1)), progress::add);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.reason()).isEqualTo("release command failed with exit code 4");
        assertThat(progress).anyMatch(l -> l.contains("migrating"));
        assertThat(apps.logs.texts("release")).contains("migrating");
        assertThat(runtime.instances(AppName.of("hello"))).isEmpty();
        assertThat(apps.routes.ports("hello.localhost")).isEmpty();
    }
}
