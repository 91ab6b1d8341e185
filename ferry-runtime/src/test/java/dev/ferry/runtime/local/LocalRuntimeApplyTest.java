package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import dev.ferry.runtime.sandbox.SandboxMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runtime as the reconciler drives it: apply a desired state, read the actual one back. */
class LocalRuntimeApplyTest {

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
    void reportsWhatItRunsAndConvergesToEachDesiredState() throws Exception {
        Release v1 = TestApps.webRelease("hello", 1, apps.serverSlug("s1"), Map.of());
        assertThat(runtime.actual(HELLO)).isEqualTo(ActualState.none(HELLO));

        DesiredState one = DesiredState.of(v1, TestApps.formation("hello", Map.of("web", 1)));
        assertThat(runtime.apply(one, line -> { }).succeeded()).isTrue();
        assertThat(runtime.actual(HELLO).release()).isEqualTo(1);
        assertThat(runtime.actual(HELLO).convergedTo(one)).isTrue();
        long firstPid = runtime.actual(HELLO).instances().getFirst().pid();

        DesiredState two = DesiredState.of(v1, TestApps.formation("hello", Map.of("web", 2)));
        assertThat(runtime.actual(HELLO).convergedTo(two)).isFalse();
        assertThat(runtime.apply(two, line -> { }).succeeded()).isTrue();
        List<Instance> up = runtime.actual(HELLO).instances().stream().filter(i -> i.state() == InstanceState.UP).toList();
        assertThat(up).extracting(Instance::name).containsExactly("web.1", "web.2");
        assertThat(up.getFirst().pid()).as("the same release is scaled, not rolled out again").isEqualTo(firstPid);
        assertThat(runtime.actual(HELLO).convergedTo(two)).isTrue();

        assertThat(runtime.apply(DesiredState.nothing(HELLO), line -> { }).succeeded()).isTrue();
        assertThat(runtime.actual(HELLO).release()).isZero();
        assertThat(runtime.actual(HELLO).instances()).isEmpty();
        assertThat(runtime.actual(HELLO).convergedTo(DesiredState.nothing(HELLO))).isTrue();
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void aRolloutThatEndsAfterTheRuntimeClosedStopsItsNewInstances() throws Exception {
        runtime.close();
        runtime = apps.runtime(SandboxMode.NONE); // plain processes: closing does not take the booting one along
        String marker = "apply-test-" + java.util.UUID.randomUUID();
        Release slow = TestApps.release("hello", 1, apps.serverSlug("s1"),
                Map.of("web", "sleep 2; exec python3 -u server.py " + marker), Map.of());
        var rollout = java.util.concurrent.CompletableFuture.supplyAsync(() -> runtime.apply(
                DesiredState.of(slow, TestApps.formation("hello", Map.of("web", 1))), line -> { }));
        Thread.sleep(500);

        runtime.close();

        var result = rollout.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.succeeded()).as(result.reason()).isFalse();
        assertThat(result.reason()).isEqualTo("the app was stopped during its deploy");
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().arguments()
                .map(args -> java.util.Arrays.asList(args).contains(marker)).orElse(false)).toList()).isEmpty();
    }
}
