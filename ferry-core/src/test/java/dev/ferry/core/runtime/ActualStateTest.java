package dev.ferry.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActualStateTest {

    private static final Instant NOW = Instant.parse("2026-12-04T22:00:00Z");
    private static final AppName HELLO = AppName.of("hello");

    private static Release release(int version) {
        return new Release(HELLO, version, "Deploy abc", ReleaseStatus.SUCCEEDED, ConfigVars.EMPTY, Optional.of("slug"),
                Map.of("web", "./web", "worker", "./work", "release", "./migrate"), new UserId(1), NOW);
    }

    private static Instance instance(String name, InstanceState state, int release) {
        return new Instance(name, name.substring(0, name.indexOf('.')), state, release, 5000, 10, NOW, 0);
    }

    private static DesiredState desired(int version, Map<String, Integer> quantities) {
        return DesiredState.of(release(version), new Formation(HELLO, quantities));
    }

    @Test
    void countsOnlyTheReleasesProcessTypesAndNeverItsReleasePhase() {
        DesiredState d = desired(2, Map.of("web", 2, "release", 1, "clock", 3));

        assertThat(d.instanceCounts()).containsOnly(Map.entry("web", 2), Map.entry("worker", 0));
        assertThat(DesiredState.nothing(HELLO).instanceCounts()).isEmpty();
        assertThat(DesiredState.nothing(HELLO).version()).isZero();
    }

    @Test
    void isConvergedWhenTheReleaseAndEveryTypesCountMatch() {
        List<Instance> two = List.of(instance("web.1", InstanceState.UP, 2), instance("web.2", InstanceState.STARTING, 2));

        assertThat(new ActualState(HELLO, 2, two).convergedTo(desired(2, Map.of("web", 2)))).isTrue();
        assertThat(new ActualState(HELLO, 1, two).convergedTo(desired(2, Map.of("web", 2)))).as("older release").isFalse();
        assertThat(new ActualState(HELLO, 2, two).convergedTo(desired(2, Map.of("web", 3)))).as("one missing").isFalse();
        assertThat(new ActualState(HELLO, 2, two).convergedTo(desired(2, Map.of("web", 1)))).as("one too many").isFalse();
        assertThat(ActualState.none(HELLO).convergedTo(DesiredState.nothing(HELLO))).isTrue();
        assertThat(ActualState.none(HELLO).convergedTo(desired(2, Map.of("web", 0)))).as("nothing runs v2").isFalse();
    }

    @Test
    void leavesInstancesOnTheirWayOutAsideAndCountsCrashedAndStoppedOnes() {
        List<Instance> held = new ArrayList<>(List.of(instance("web.1", InstanceState.CRASHED, 2),
                instance("worker.1", InstanceState.STOPPED, 2), instance("web.1", InstanceState.STOPPING, 1)));

        assertThat(new ActualState(HELLO, 2, held).convergedTo(desired(2, Map.of("web", 1, "worker", 1)))).isTrue();
        held.add(instance("clock.1", InstanceState.UP, 2));
        assertThat(new ActualState(HELLO, 2, held).convergedTo(desired(2, Map.of("web", 1, "worker", 1))))
                .as("a type the release does not declare").isFalse();
    }

    @Test
    void refusesADesiredStateThatMixesApps() {
        Formation other = new Formation(AppName.of("other"), Map.of());

        assertThatThrownBy(() -> DesiredState.of(release(1), other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another app");
    }
}
