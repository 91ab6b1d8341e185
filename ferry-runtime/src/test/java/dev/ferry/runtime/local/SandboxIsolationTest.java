package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.store.AppName;
import dev.ferry.runtime.sandbox.SandboxMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxIsolationTest {

    @TempDir
    Path tmp;
    TestApps apps;
    LocalRuntime runtime;

    @BeforeEach
    void start() {
        apps = new TestApps(tmp);
        runtime = apps.runtime(apps.config().memoryLimitBytes(64L * 1024 * 1024).build());
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void instanceSeesOnlyItsOwnAppDirAndTmp() throws Exception {
        assumeThat(runtime.sandboxStatus()).as("bubblewrap works here").startsWith("sandbox: bubblewrap");
        Path secret = tmp.resolve("data/secret.txt");
        Files.writeString(secret, "top-secret");
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("other", 1, slug, Map.of()), TestApps.formation("other", Map.of("web", 1)),
                l -> { });
        Path otherApp = tmp.resolve("data/runtime/apps/other");
        assertThat(otherApp).isDirectory();

        var p = runtime.run(TestApps.webRelease("hello", 1, slug, Map.of()),
                "cat " + secret + "; ls " + otherApp + " || echo no-other-app; pwd; echo $HOME;"
                        + " echo scratch > /tmp/t && cat /tmp/t; touch /app/written && echo app-writable;"
                        + " test -f /app/server.py && echo has-server; id -u", Map.of());
        String out = new String(p.output().readAllBytes());
        assertThat(p.waitFor()).isZero();

        assertThat(out).doesNotContain("top-secret").contains("no-other-app").contains("/app\n/app\n")
                .contains("scratch").contains("app-writable").contains("has-server");
        String uid = out.strip().substring(out.strip().lastIndexOf('\n') + 1);
        if (runtime.sandboxStatus().contains("one uid per app")) {
            assertThat(Integer.parseInt(uid)).isGreaterThanOrEqualTo(100_000);
        }
    }

    @Test
    void saysItRunsUnsandboxedWhenToldTo() {
        try (LocalRuntime none = new TestApps(tmp.resolve("none")).runtime(SandboxMode.NONE)) {
            assertThat(none.isSandboxed()).isFalse();
            assertThat(none.sandboxStatus()).startsWith("sandbox: NONE — instances run unsandboxed as ");
        }
    }

    @Test
    void placesInstanceInItsCgroupWithLimitsAndRemovesItAfter() throws Exception {
        assumeThat(runtime.sandboxStatus()).as("cgroups writable here").contains("cgroups v");
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of()), TestApps.formation("hello", Map.of("web", 1)),
                l -> { });
        long pid = runtime.instances(AppName.of("hello")).get(0).pid();

        String cgroups = Files.readString(Path.of("/proc/" + pid + "/cgroup"));
        assertThat(cgroups).contains("/ferry-runtime-test/hello/web.1-");
        boolean v1 = runtime.sandboxStatus().contains("cgroups v1");
        String line = cgroups.lines().filter(l -> l.contains(v1 ? ":memory:" : "0::")).findFirst().orElseThrow();
        Path instanceGroup = Path.of(v1 ? "/sys/fs/cgroup/memory" : "/sys/fs/cgroup",
                line.substring(line.indexOf(":/") + 2));
        String limit = Files.readString(instanceGroup.resolve(v1 ? "memory.limit_in_bytes" : "memory.max")).strip();
        assertThat(limit).isEqualTo(Long.toString(64L * 1024 * 1024));

        runtime.stop(AppName.of("hello"), "web");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(instanceGroup));
    }
}
