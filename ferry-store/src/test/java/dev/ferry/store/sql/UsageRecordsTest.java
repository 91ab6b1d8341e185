package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.Build;
import dev.ferry.core.store.Store;
import dev.ferry.core.usage.InstanceRun;
import dev.ferry.core.usage.TrafficCount;
import dev.ferry.core.usage.UsageRecord;
import dev.ferry.core.usage.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsageRecordsTest extends StoreTestSupport {

    private static final LocalDate DAY = LocalDate.parse("2026-03-01");
    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");

    private UsageStore usage;

    @BeforeEach
    void createApps() {
        store.createApp(admin.id(), name("hello"));
        store.createApp(admin.id(), name("other"));
        usage = store.usage();
    }

    private static TrafficCount traffic(String app, LocalDate day, long requests, long in, long out, long tunnel) {
        return new TrafficCount(name(app), "web", day, requests, in, out, tunnel, tunnel * 10, tunnel * 20);
    }

    private UsageRecord only(List<UsageRecord> records, String app, String type, LocalDate day) {
        return records.stream().filter(r -> r.app().equals(name(app)) && r.processType().equals(type)
                && r.day().equals(day)).findFirst().orElseThrow(() -> new AssertionError("no row " + app + " " + type
                + " " + day + " in " + records));
    }

    @Test
    void addsTrafficFlushesToTheSameDayRow() {
        usage.addTraffic(List.of(traffic("hello", DAY, 3, 100, 2000, 1), traffic("other", DAY, 1, 5, 6, 0)));
        usage.addTraffic(List.of(traffic("hello", DAY, 2, 50, 1000, 1), traffic("hello", DAY.plusDays(1), 7, 1, 1, 0)));

        List<UsageRecord> all = usage.usage(Optional.empty(), DAY, MIDNIGHT);
        UsageRecord hello = only(all, "hello", "web", DAY);
        assertThat(hello.requests()).isEqualTo(5);
        assertThat(hello.bytesIn()).isEqualTo(150);
        assertThat(hello.bytesOut()).isEqualTo(3000);
        assertThat(hello.tunnelRequests()).isEqualTo(2);
        assertThat(hello.tunnelBytesOut()).isEqualTo(40);
        assertThat(only(all, "hello", "web", DAY.plusDays(1)).requests()).isEqualTo(7);
        assertThat(usage.usage(Optional.of(name("other")), DAY, MIDNIGHT)).extracting(UsageRecord::requests)
                .containsExactly(1L);
        assertThat(usage.usage(Optional.empty(), DAY.plusDays(1), MIDNIGHT)).extracting(UsageRecord::requests)
                .containsExactly(7L);
    }

    @Test
    void splitsInstanceLifetimesAtMidnightAndCountsRunningOnesUpToNow() {
        Instant start = MIDNIGHT.minusSeconds(100);
        usage.instanceStarted(new InstanceRun("hello/web.1/1", name("hello"), "web", start));
        usage.instanceStopped("hello/web.1/1", MIDNIGHT.plusSeconds(50));
        usage.instanceStarted(new InstanceRun("hello/worker.1/2", name("hello"), "worker", MIDNIGHT.plusSeconds(10)));

        List<UsageRecord> all = usage.usage(Optional.empty(), DAY, MIDNIGHT.plusSeconds(40));

        assertThat(only(all, "hello", "web", DAY).instanceSeconds()).isEqualTo(100);
        assertThat(only(all, "hello", "web", DAY.plusDays(1)).instanceSeconds()).isEqualTo(50);
        assertThat(only(all, "hello", "worker", DAY.plusDays(1)).instanceSeconds()).isEqualTo(30);
        assertThat(usage.usage(Optional.empty(), DAY.plusDays(1), MIDNIGHT.plusSeconds(40)))
                .extracting(UsageRecord::instanceSeconds).containsExactlyInAnyOrder(50L, 30L);
    }

    @Test
    void closesRunsAKilledFerryLeftOpenAtTheirLastMarkAfterAReopen() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        usage.instanceStarted(new InstanceRun("hello/web.1/1", name("hello"), "web", start));
        usage.instanceStarted(new InstanceRun("hello/web.1/1", name("hello"), "web", start.plusSeconds(5)));
        usage.stillRunning(start.plusSeconds(42));
        store.close();
        store = reopen();

        assertThat(store.usage().closeInterrupted()).isEqualTo(1);
        assertThat(store.usage().closeInterrupted()).isZero();
        store.usage().instanceStopped("hello/web.1/1", start.plusSeconds(3600));

        List<UsageRecord> all = store.usage().usage(Optional.empty(), DAY, start.plus(Duration.ofDays(3)));
        assertThat(only(all, "hello", "web", DAY).instanceSeconds()).isEqualTo(42);
    }

    @Test
    void countsFinishedBuildsAsTheAppsBuildSeconds() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        Build build = store.enqueueBuild(name("hello"), "a".repeat(40), "main", admin.id());
        store.startBuild(build.id());
        clock.advance(Duration.ofSeconds(65));
        store.succeedBuild(build.id(), "procfile");

        assertThat(only(usage.usage(Optional.empty(), day, clock.instant()), "hello", UsageRecord.BUILDS, day)
                .buildSeconds()).isEqualTo(65);
    }

    @Test
    void keepsRecordsOfADestroyedApp() {
        usage.addTraffic(List.of(traffic("other", DAY, 4, 1, 1, 0)));
        store.destroyApp(name("other"), admin.id());

        assertThat(usage.usage(Optional.of(name("other")), DAY, MIDNIGHT)).extracting(UsageRecord::requests)
                .containsExactly(4L);
    }

    private Store reopen() {
        return reopen(ConfigKey.file(keyFile()));
    }
}
