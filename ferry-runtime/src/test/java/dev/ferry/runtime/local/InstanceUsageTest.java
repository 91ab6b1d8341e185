package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.store.AppName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real instance's CPU and memory, read from its cgroup by {@link LocalRuntime#measure}. */
class InstanceUsageTest {

    @TempDir
    Path tmp;
    TestApps apps;
    LocalRuntime runtime;

    @BeforeEach
    void start() {
        apps = new TestApps(tmp);
        runtime = apps.runtime(apps.config().build());
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void measuresABusyInstanceAndNotAnIdleOne() throws Exception {
        assumeThat(runtime.sandboxStatus()).as("cgroups are writable here").contains("cgroups v");
        String slug = apps.slug("u1", Map.of(
                "busy.sh", "#!/bin/sh\nexec /usr/bin/python3 -c 'b = b\"x\" * (64 << 20)\nwhile True: pass'\n",
                "idle.sh", "#!/bin/sh\nexec sleep 60\n"));
        runtime.deploy(TestApps.release("hello", 1, slug, Map.of("busy", "./busy.sh", "idle", "./idle.sh"), Map.of()),
                TestApps.formation("hello", Map.of("busy", 1, "idle", 1)), l -> { });
        AppName app = AppName.of("hello");
        runtime.measure(app);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1200)).untilAsserted(() -> {
            Map<String, InstanceUsage> usage = runtime.measure(app);
            assertThat(usage).containsKeys("busy.1", "idle.1");
            // the busy loop's share depends on what else the machine runs: compare it with the idle one
            double idle = usage.get("idle.1").cpuPercent();
            assertThat(idle).isLessThan(1.0);
            assertThat(usage.get("busy.1").cpuPercent()).isGreaterThan(Math.max(2.0, 20 * idle));
            assertThat(usage.get("busy.1").memoryBytes()).isGreaterThan(64L << 20);
        });
    }

    @Test
    void measuresNothingWithoutCgroups() throws Exception {
        TestApps plain = new TestApps(tmp.resolve("plain"));
        try (LocalRuntime none = plain.runtime(plain.config().cgroupRoot(tmp.resolve("no-cgroups")).build())) {
            String slug = plain.slug("u2", Map.of("idle.sh", "#!/bin/sh\nexec sleep 60\n"));
            none.deploy(TestApps.release("hello", 1, slug, Map.of("idle", "./idle.sh"), Map.of()),
                    TestApps.formation("hello", Map.of("idle", 1)), l -> { });

            assertThat(none.instances(AppName.of("hello"))).hasSize(1);
            assertThat(none.measure(AppName.of("hello"))).isEmpty();
        }
    }
}
