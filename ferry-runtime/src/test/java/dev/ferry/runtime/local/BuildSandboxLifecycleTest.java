package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.build.BuildJail;
import dev.ferry.core.build.BuildSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds run in the runtime's sandbox: as the app's uid, writing only their work directory and cache, within a
 * pids limit, and nothing they start outlives the build, or a Ferry killed while they ran.
 */
class BuildSandboxLifecycleTest {

    @TempDir
    Path tmp;

    private static String run(BuildJail jail, String script) throws Exception {
        Process p = jail.command(List.of("sh", "-c", script), Map.of()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void runsAsTheAppsUserInItsWorkDirectoryAndCacheOnly() throws Exception {
        TestApps apps = new TestApps(tmp);
        try (LocalRuntime runtime = apps.runtime(apps.config().build())) {
            assumeThat(runtime.sandboxStatus()).as("bubblewrap works here").startsWith("sandbox: bubblewrap");
            Path src = Files.createDirectories(tmp.resolve("data/builds/hello-1/src"));
            Path cache = Files.createDirectories(tmp.resolve("data/cache/hello"));
            Files.writeString(tmp.resolve("data/secret.key"), "top-secret");
            Files.writeString(src.resolve("package.json"), "{}");
            try (BuildJail jail = runtime.buildSandbox().open("hello", src, cache)) {
                assertThat(jail.visiblePath(src.resolve("node_modules"))).isEqualTo("/app/node_modules");
                assertThat(jail.visiblePath(cache.resolve("npm"))).isEqualTo("/cache/npm");

                String out = run(jail, "pwd; echo $HOME; id -u; cat package.json; echo built > out.txt;"
                        + " mkdir -p $HOME/.config && echo home-ok; cat " + tmp.resolve("data/secret.key")
                        + " || echo no-secret; ls " + tmp.resolve("data") + " || echo no-data-dir");

                assertThat(out).startsWith("/app\n/cache/home\n").contains("{}", "home-ok", "no-secret", "no-data-dir")
                        .doesNotContain("top-secret");
                if (runtime.sandboxStatus().contains("one uid per app")) {
                    assertThat(Integer.parseInt(out.lines().toList().get(2))).isGreaterThanOrEqualTo(100_000);
                }
            }
            assertThat(src.resolve("out.txt")).hasContent("built");
        }
    }

    @Test
    void killsWhatABuildLeftRunningWhenItEnds() throws Exception {
        TestApps apps = new TestApps(tmp);
        try (LocalRuntime runtime = apps.runtime(apps.config().build())) {
            assumeThat(runtime.sandboxStatus()).as("bubblewrap and cgroups work here").contains("cgroups v");
            Path src = Files.createDirectories(tmp.resolve("src"));
            Path cache = Files.createDirectories(tmp.resolve("cache"));
            BuildJail jail = runtime.buildSandbox().open("hello", src, cache);
            Process running = jail.command(List.of("sh", "-c", "setsid sleep 1000 & sleep 1000"), Map.of()).start();
            await().atMost(Duration.ofSeconds(5)).until(() -> running.descendants().count() >= 2);
            List<ProcessHandle> all = running.descendants().toList();

            jail.close();

            await().atMost(Duration.ofSeconds(5)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void refusesProcessesBeyondTheBuildsPidsLimit() throws Exception {
        TestApps apps = new TestApps(tmp);
        try (LocalRuntime runtime = apps.runtime(apps.config().build())) {
            assumeThat(runtime.sandboxStatus()).as("the pids controller is writable here").contains(", pids 512");
            Path src = Files.createDirectories(tmp.resolve("src"));
            Path cache = Files.createDirectories(tmp.resolve("cache"));
            try (BuildJail jail = runtime.buildSandbox().open("hello", src, cache)) {
                String out = run(jail, SandboxLimitsTest.FORK_600);

                assertThat(out).matches("(?s).*started=(\\d+) refused=Resource-temporarily-unavailable.*");
                assertThat(Integer.parseInt(out.replaceAll("(?s).*started=(\\d+).*", "$1"))).isBetween(100, 511);
            }
        }
    }

    @Test
    void killsTheBuildsOfAKilledFerryAtTheNextStart() throws Exception {
        TestApps apps = new TestApps(tmp);
        // a runtime that is never closed stands for a Ferry killed with -9 while a build ran
        LocalRuntime crashed = apps.runtime(apps.config().build());
        try {
            assumeThat(crashed.sandboxStatus()).as("bubblewrap and cgroups work here").contains("cgroups v");
            BuildSandbox builds = crashed.buildSandbox();
            BuildJail jail = builds.open("hello", Files.createDirectories(tmp.resolve("src")),
                    Files.createDirectories(tmp.resolve("cache")));
            Process running = jail.command(List.of("sh", "-c", "setsid sleep 1000 & sleep 1000"), Map.of()).start();
            await().atMost(Duration.ofSeconds(5)).until(() -> running.descendants().count() >= 2);
            List<ProcessHandle> all = running.descendants().toList();

            try (LocalRuntime next = apps.runtime(apps.config().build())) {
                await().atMost(Duration.ofSeconds(5)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
            }
        } finally {
            crashed.close();
        }
    }
}
