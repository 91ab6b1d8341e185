package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.AppName;
import dev.ferry.runtime.sandbox.SandboxMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRuntimeSupervisionTest {

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

    private Instance only(String name) {
        return runtime.instances(HELLO).stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void deregistersCrashedInstanceAtOnceAndRestartsItWithBackoff() throws Exception {
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of()), TestApps.formation("hello", Map.of("web", 1)),
                l -> { });
        int port = only("web.1").port();

        apps.get(port, "/crash");

        await().atMost(Duration.ofSeconds(5)).until(() -> apps.routes.changes().contains("-hello.localhost " + port));
        await().atMost(Duration.ofSeconds(15)).until(() -> only("web.1").state() == InstanceState.UP
                && only("web.1").restarts() == 1);
        int newPort = only("web.1").port();
        assertThat(apps.routes.ports("hello.localhost")).containsExactly(newPort);
        assertThat(apps.get(newPort, "/").getKey()).isEqualTo(200);
        assertThat(apps.logs.texts("runtime")).anyMatch(t -> t.contains("web.1 crashed: exited with code 3"));

        // the second crash waits for the backoff's first delay before restarting
        apps.get(newPort, "/crash");
        await().atMost(Duration.ofSeconds(5)).until(() -> apps.logs.texts("runtime").stream()
                .anyMatch(t -> t.startsWith("restarting web.1 in 0.5 s")));
        await().atMost(Duration.ofSeconds(15)).until(() -> only("web.1").restarts() == 2
                && only("web.1").state() == InstanceState.UP);
    }

    @Test
    void scalesUpAndDown() throws Exception {
        String slug = apps.slug("s1", Map.of("server.py", TestApps.SERVER));
        runtime.deploy(TestApps.release("hello", 1, slug,
                        Map.of("web", "python3 -u server.py", "worker", "echo working; exec sleep 600"), Map.of()),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });

        runtime.scale(TestApps.formation("hello", Map.of("web", 3, "worker", 1)));

        List<Instance> up = runtime.instances(HELLO);
        assertThat(up).as(apps.logs.texts("runtime").toString()).extracting(Instance::name).containsExactly("web.1", "web.2", "web.3", "worker.1");
        assertThat(up).allMatch(i -> i.state() == InstanceState.UP);
        assertThat(apps.routes.ports("hello.localhost")).hasSize(3);
        assertThat(up.get(3).port()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> apps.logs.texts("worker.1").contains("working"));

        runtime.scale(TestApps.formation("hello", Map.of("web", 1, "worker", 0)));

        assertThat(apps.routes.ports("hello.localhost")).containsExactly(only("web.1").port());
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.instances(HELLO).size() == 1);
    }

    @Test
    void restartsRollingAndStopsOnRequest() throws Exception {
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of()), TestApps.formation("hello", Map.of("web", 2)),
                l -> { });
        int oldPort = only("web.1").port();

        assertThat(runtime.restart(HELLO, Optional.of("web.1"))).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.instances(HELLO).size() == 2);
        assertThat(only("web.1").port()).isNotEqualTo(oldPort);
        assertThat(apps.routes.changes()).containsSubsequence("+hello.localhost " + only("web.1").port(),
                "-hello.localhost " + oldPort);

        assertThat(runtime.stop(HELLO, "web")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.instances(HELLO).stream()
                .allMatch(i -> i.state() == InstanceState.STOPPED));
        assertThat(apps.routes.ports("hello.localhost")).isEmpty();
    }

    @Test
    void registersUnderCustomDomainAddedLaterAndLeavesRemovedOne() throws Exception {
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of()), TestApps.formation("hello", Map.of("web", 1)),
                l -> { });
        int port = only("web.1").port();

        apps.customDomains.add("www.example.com");
        await().atMost(Duration.ofSeconds(5)).until(() -> apps.routes.ports("www.example.com").contains(port));

        apps.customDomains.clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> apps.routes.ports("www.example.com").isEmpty());
        assertThat(apps.routes.ports("hello.localhost")).containsExactly(port);
    }

    @Test
    void deploysWhenAWorkerExitsAtOnceAndRestartsIt() throws Exception {
        String slug = apps.serverSlug("s1");
        var result = runtime.deploy(TestApps.release("hello", 1, slug,
                        Map.of("web", "python3 -u server.py", "once", "echo done"), Map.of()),
                TestApps.formation("hello", Map.of("web", 1, "once", 1)), l -> { });

        assertThat(result.succeeded()).as(result.reason()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> only("once.1").restarts() >= 1);
        assertThat(apps.logs.texts("runtime")).contains("once.1 exited");
    }

    @Test
    void runsOneOffProcessWithReleaseEnv() throws Exception {
        String slug = apps.serverSlug("s1");
        var p = runtime.run(TestApps.webRelease("hello", 1, slug, Map.of("GREETING", "hi")),
                "echo $GREETING $DYNO; echo oops >&2; exit 5", Map.of("EXTRA", "x"));

        String out = new String(p.output().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(5);
        assertThat(p.name()).isEqualTo("run.1");
        assertThat(out).contains("hi run.1").contains("oops");
    }
}
