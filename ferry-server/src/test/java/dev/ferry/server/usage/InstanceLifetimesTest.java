package dev.ferry.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import dev.ferry.core.usage.UsageRecord;
import dev.ferry.store.sql.SqliteStore;
import dev.ferry.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instance lifetimes read from the runtime's reported states into a real store: starts at the spawn time, stops
 * at the time of a crash, or at the read that no longer finds the instance.
 */
class InstanceLifetimesTest {

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock();
    private final ReportedRuntime runtime = new ReportedRuntime();
    private SqliteStore store;
    private InstanceLifetimes lifetimes;

    @BeforeEach
    void open() {
        store = SqliteStore.openInDataDir(dataDir);
        store.createApp(store.bootstrapAdmin("admin@example.com").orElseThrow().user().id(), HELLO);
        lifetimes = new InstanceLifetimes(store.usage(), runtime, store::allApps, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Instant at(int seconds) {
        return Instant.ofEpochMilli(1_700_000_000_000L).plusSeconds(seconds);
    }

    private void moveTo(int seconds) {
        clock.advance(Duration.between(clock.instant(), at(seconds)));
    }

    private static Instance web(long pid, InstanceState state, Instant since) {
        return new Instance("web.1", "web", state, 1, 5000, pid, since, 0);
    }

    private long instanceSeconds() {
        return store.usage().usage(Optional.of(HELLO), java.time.LocalDate.EPOCH, clock.instant()).stream()
                .mapToLong(UsageRecord::instanceSeconds).sum();
    }

    @Test
    void recordsEachProcessFromItsSpawnToItsCrashOrItsDisappearance() {
        runtime.now = List.of(web(100, InstanceState.STARTING, at(0)));
        assertThat(lifetimes.observe()).isEqualTo(Map.of(HELLO, Map.of("web", 1)));
        moveTo(10);
        runtime.now = List.of(web(100, InstanceState.UP, at(2)));
        lifetimes.observe();
        moveTo(15);
        runtime.now = List.of(web(100, InstanceState.CRASHED, at(12)));
        assertThat(lifetimes.observe()).isEmpty();
        assertThat(instanceSeconds()).isEqualTo(12);

        runtime.now = List.of(web(101, InstanceState.STARTING, at(14)));
        lifetimes.observe();
        moveTo(20);
        runtime.now = List.of();
        lifetimes.observe();
        moveTo(100);

        assertThat(instanceSeconds()).as("12 s of pid 100, 6 s of pid 101, nothing since").isEqualTo(18);
    }

    @Test
    void endsTheOpenRunsWhenFerryStops() {
        runtime.now = List.of(web(100, InstanceState.UP, at(0)));
        lifetimes.observe();
        moveTo(30);
        lifetimes.stopAll();
        moveTo(90);

        assertThat(instanceSeconds()).isEqualTo(30);
    }

    /** A runtime that reports the instances the test sets; nothing else. */
    private static final class ReportedRuntime implements AppRuntime {

        volatile List<Instance> now = new CopyOnWriteArrayList<>();

        @Override
        public ActualState actual(AppName app) {
            return new ActualState(app, 1, now);
        }

        @Override
        public DeployResult apply(DesiredState desired, Consumer<String> progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int restart(AppName app, Optional<String> selector) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int stop(AppName app, String selector) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void destroy(AppName app) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OneOffProcess run(Release release, String command, Map<String, String> extraEnv) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
