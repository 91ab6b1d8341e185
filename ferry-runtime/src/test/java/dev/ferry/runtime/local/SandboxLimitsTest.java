package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.store.AppName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pids limit of instances (with a per-type override), the size of their {@code /tmp} at their defaults, and
 * the disk limit of their {@code /app}.
 */
class SandboxLimitsTest {

    /** Forks 600 sleeping children, as many as it can, then prints how many it started and why it stopped. */
    static final String FORK_600 = "/usr/bin/python3 -c '\n"
            + "import os, time\n"
            + "started, refused = 0, \"none\"\n"
            + "for i in range(600):\n"
            + "    try:\n"
            + "        pid = os.fork()\n"
            + "    except OSError as e:\n"
            + "        refused = e.strerror.replace(\" \", \"-\")\n"
            + "        break\n"
            + "    if pid == 0:\n"
            + "        time.sleep(20)\n"
            + "        os._exit(0)\n"
            + "    started += 1\n"
            + "print(\"started=%d refused=%s\" % (started, refused), flush=True)\n"
            + "'";

    @TempDir
    Path tmp;
    TestApps apps;
    LocalRuntime runtime;

    @BeforeEach
    void start() {
        apps = new TestApps(tmp);
        runtime = apps.runtime(apps.config().pidsLimitByType(Map.of("worker", 64)).build());
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void refusesProcessesBeyondThePidsLimit() throws Exception {
        assumeThat(runtime.sandboxStatus()).as("the pids controller is writable here").contains(", pids 512");
        String slug = apps.serverSlug("s1");

        var p = runtime.run(TestApps.webRelease("hello", 1, slug, Map.of()), FORK_600, Map.of());
        String out = new String(p.output().readAllBytes());
        p.waitFor();

        assertThat(out).as(out).matches("(?s).*started=(\\d+) refused=Resource-temporarily-unavailable.*");
        int started = Integer.parseInt(out.replaceAll("(?s).*started=(\\d+).*", "$1"));
        assertThat(started).as(out).isBetween(100, 511);
    }

    @Test
    void givesAProcessTypeItsOwnPidsLimit() throws Exception {
        assumeThat(runtime.sandboxStatus()).as("the pids controller is writable here").contains(", pids 512");
        String slug = apps.slug("w1", Map.of("work.sh", "#!/bin/sh\nexec sleep 60\n"));
        runtime.deploy(TestApps.release("hello", 1, slug, Map.of("worker", "./work.sh"), Map.of()),
                TestApps.formation("hello", Map.of("worker", 1)), l -> { });
        long pid = runtime.instances(AppName.of("hello")).get(0).pid();

        String line = Files.readString(Path.of("/proc/" + pid + "/cgroup")).lines()
                .filter(l -> l.contains(":pids:") || l.startsWith("0::")).findFirst().orElseThrow();
        Path group = Path.of(line.contains(":pids:") ? "/sys/fs/cgroup/pids" : "/sys/fs/cgroup",
                line.substring(line.indexOf(":/") + 2));
        assertThat(Files.readString(group.resolve("pids.max")).strip()).isEqualTo("64");
    }

    @Test
    void limitsTmpToItsSize() throws Exception {
        assumeThat(runtime.sandboxStatus()).as("bubblewrap works here").startsWith("sandbox: bubblewrap");
        String slug = apps.serverSlug("s1");

        var p = runtime.run(TestApps.webRelease("hello", 1, slug, Map.of()),
                "dd if=/dev/zero of=/tmp/big bs=1M count=100 2>&1; echo size=$(stat -c %s /tmp/big)", Map.of());
        String out = new String(p.output().readAllBytes());
        p.waitFor();

        long size = Long.parseLong(out.substring(out.indexOf("size=") + 5).strip());
        assertThat(size).as(out).isLessThanOrEqualTo(64L * 1024 * 1024);
        assertThat(out).contains("No space left on device");
    }

    @Test
    void restartsAnInstanceWhoseAppDirectoryOutgrowsItsDiskLimit() throws Exception {
        TestApps disk = new TestApps(tmp.resolve("disk"));
        try (LocalRuntime limited = disk.runtime(disk.config().appDiskLimitBytes(8L * 1024 * 1024)
                .diskCheckInterval(Duration.ofMillis(200)).build())) {
            assumeThat(limited.sandboxStatus()).as("bubblewrap works here").startsWith("sandbox: bubblewrap");
            String slug = disk.slug("d1", Map.of("fill.sh", "#!/bin/sh\n"
                    + "dd if=/dev/zero of=/app/big bs=1M count=20 2>&1 | head -1; echo big=$(stat -c %s /app/big)\n"
                    + "i=0; while true; do head -c 1048576 /dev/zero > /app/f$i; i=$((i+1)); sleep 0.05; done\n"));
            limited.deploy(TestApps.release("hello", 1, slug, Map.of("worker", "./fill.sh"), Map.of()),
                    TestApps.formation("hello", Map.of("worker", 1)), l -> { });

            await().atMost(Duration.ofSeconds(15)).until(() -> disk.logs.texts("runtime").stream()
                    .anyMatch(l -> l.startsWith("worker.1 exceeded its disk limit (/app holds ")));
            String big = disk.logs.texts("worker.1").stream().filter(l -> l.startsWith("big=")).findFirst().orElseThrow();
            assertThat(Long.parseLong(big.substring(4))).isLessThanOrEqualTo(8L * 1024 * 1024);
        }
    }
}
