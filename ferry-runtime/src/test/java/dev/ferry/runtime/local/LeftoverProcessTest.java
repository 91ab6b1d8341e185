package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.store.AppName;
import dev.ferry.runtime.sandbox.SandboxMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessTest {

    @TempDir
    Path tmp;

    @Test
    void killsInstancesLeftByAnEarlierRunAtStart() throws Exception {
        TestApps apps = new TestApps(tmp);
        // a runtime that is never closed stands for a Ferry killed with -9 (unsandboxed: no die-with-parent)
        LocalRuntime crashed = apps.runtime(SandboxMode.NONE);
        String slug = apps.serverSlug("s1");
        crashed.deploy(TestApps.webRelease("hello", 1, slug, Map.of()), TestApps.formation("hello", Map.of("web", 1)),
                l -> { });
        long pid = crashed.instances(AppName.of("hello")).get(0).pid();
        assertThat(ProcessHandle.of(pid)).isPresent();
        try (var pids = Files.list(tmp.resolve("data/runtime/pids"))) {
            assertThat(pids.toList()).hasSize(1);
        }

        try (LocalRuntime next = apps.runtime(SandboxMode.NONE)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            assertThat(next.instances(AppName.of("hello"))).isEmpty();
        } finally {
            // the stand-in for the dead Ferry still lives in this JVM: it saw the kill and restarted its instance
            crashed.close();
        }
    }

    @Test
    void neverKillsAProcessWhosePidWasReused() throws Exception {
        Path pids = tmp.resolve("data/runtime/pids");
        Process bystander = new ProcessBuilder("sleep", "30").start();
        try {
            Files.createDirectories(pids);
            // same pid, another start time: not ours
            Files.writeString(pids.resolve("hello.web.1-1.pid"), "pid=" + bystander.pid() + "\nstart=1\n");
            new TestApps(tmp).runtime(SandboxMode.NONE).close();
            assertThat(bystander.isAlive()).isTrue();
            assertThat(Files.exists(pids.resolve("hello.web.1-1.pid"))).isFalse();
        } finally {
            bystander.destroyForcibly();
        }
    }
}
