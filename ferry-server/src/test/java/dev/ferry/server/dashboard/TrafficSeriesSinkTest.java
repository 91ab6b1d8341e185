package dev.ferry.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.UserId;
import dev.ferry.core.traffic.TrafficMinute;
import dev.ferry.core.traffic.TrafficSeries;
import dev.ferry.router.log.AccessLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficSeriesSinkTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:30Z");
    private final TrafficSeries series = new TrafficSeries();
    private final TrafficSeriesSink sink = new TrafficSeriesSink(series,
            host -> host.equals("hello.localhost") ? Optional.of(AppName.of("hello")) : Optional.empty());

    @Test
    void countsEachRequestOfAnAppWithItsStatusTimeAndBytes() {
        sink.log(new AccessLogEntry(AT, "hello.localhost", "GET", "/", 200, 7, 120, 42, 40, "127.0.0.1:5000", "r1"));
        sink.log(new AccessLogEntry(AT, "hello.localhost", "GET", "/", 503, 0, 30, 3, -1, "-", "r2"));

        TrafficMinute minute = series.summary(AppName.of("hello"), Duration.ofMinutes(1), AT);

        assertThat(minute.status2xx()).isEqualTo(1);
        assertThat(minute.status5xx()).isEqualTo(1);
        assertThat(minute.bytesIn()).isEqualTo(7);
        assertThat(minute.bytesOut()).isEqualTo(150);
        assertThat(minute.p99Ms()).isEqualTo(42);
    }

    @Test
    void countsARequestInTheSlotItEndedInAndNoUpgradeAsALatency() {
        Instant lateInTheMinute = Instant.parse("2026-12-05T10:00:50Z");
        sink.log(new AccessLogEntry(lateInTheMinute, "hello.localhost", "GET", "/", 504, 0, 0, 30_000, 30_000, "-", "r6"));
        sink.log(new AccessLogEntry(lateInTheMinute, "hello.localhost", "GET", "/ws", 101, 0, 0, 600_000, 5, "-", "r7"));

        assertThat(series.summary(AppName.of("hello"), Duration.ofMinutes(1), lateInTheMinute).requests()).isZero();
        assertThat(series.latency(AppName.of("hello"), Instant.parse("2026-12-05T10:01:00Z"),
                Instant.parse("2026-12-05T10:02:00Z")).requests()).as("the 504 ended in the next minute").isEqualTo(1);
    }

    @Test
    void countsNothingForAHostWithoutAnApp() {
        sink.log(new AccessLogEntry(AT, "nobody.localhost", "GET", "/", 404, 0, 10, 1, -1, "-", "r3"));
        sink.log(new AccessLogEntry(AT, "hello.localhost", "GET", "/", 404, 0, 10, 1, -1, "-", "r4"));

        assertThat(series.summary(AppName.of("hello"), Duration.ofMinutes(1), AT).requests()).isZero();
    }

    @Test
    void forgetsADestroyedAppsTrafficSoThatANewAppOfItsNameStartsEmpty() {
        sink.log(new AccessLogEntry(AT, "hello.localhost", "GET", "/", 200, 0, 1, 1, 1, "127.0.0.1:5000", "r5"));

        new TrafficSeriesCleanup(series, new dev.ferry.core.runtime.ResourceSeries()).removeDataOf(new DestroyedApp(
                new App(AppName.of("hello"), new UserId(1), AT), List.of(), Set.of(), List.of()));

        assertThat(series.summary(AppName.of("hello"), Duration.ofMinutes(1), AT).requests()).isZero();
    }
}
