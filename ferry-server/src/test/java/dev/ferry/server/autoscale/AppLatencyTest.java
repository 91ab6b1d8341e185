package dev.ferry.server.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.autoscale.LatencyWindow;
import dev.ferry.core.store.AppName;
import dev.ferry.router.log.AccessLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each app's response times from the access log: the p95 of a span, what is counted, and the bounds of memory. */
class AppLatencyTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final AppLatency latency = new AppLatency(
            host -> host.endsWith(".localhost") ? Optional.of(AppName.of(host.substring(0, host.indexOf('.'))))
                    : Optional.empty(), Duration.ofMinutes(5));

    private static AccessLogEntry entry(String host, Instant at, int status, long totalMs) {
        return new AccessLogEntry(at, host, "GET", "/", status, 0, 10, totalMs, totalMs, "127.0.0.1:5000", "-");
    }

    private LatencyWindow minute(Instant end) {
        return latency.latency(HELLO, end.minus(Duration.ofMinutes(1)), end);
    }

    @Test
    void answersTheP95OfTheRequestsThatEndedInTheSpanWithinFivePercent() {
        for (int ms = 1; ms <= 1000; ms++) {
            latency.log(entry("hello.localhost", T0.plusMillis(ms * 10L), 200, ms));
        }
        LatencyWindow w = minute(T0.plusSeconds(30));
        assertThat(w.requests()).isEqualTo(1000);
        assertThat((double) w.p95().toMillis()).isCloseTo(950, org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(latency.latency(AppName.of("other"), T0, T0.plusSeconds(60))).isEqualTo(LatencyWindow.EMPTY);
    }

    @Test
    void readsOnlyTheSlotsOfTheSpan() {
        for (int i = 0; i < 50; i++) {
            latency.log(entry("hello.localhost", T0.plusMillis(i), 200, 900));
            latency.log(entry("hello.localhost", T0.plusSeconds(120).plusMillis(i), 200, 20));
        }
        LatencyWindow early = minute(T0.plusSeconds(61));
        assertThat(early.requests()).isEqualTo(50);
        assertThat(early.p95().toMillis()).isBetween(855L, 945L);
        LatencyWindow late = minute(T0.plusSeconds(181));
        assertThat(late.requests()).isEqualTo(50);
        assertThat(late.p95().toMillis()).isBetween(19L, 21L);
        assertThat(latency.latency(HELLO, T0, T0.plusSeconds(181)).requests()).isEqualTo(100);
        assertThat(minute(T0.plusSeconds(100)).requests()).as("a minute with none").isZero();
    }

    @Test
    void countsEveryStatusButUpgradesAndRequestsForNoApp() {
        latency.log(entry("hello.localhost", T0, 503, 3));
        latency.log(entry("hello.localhost", T0, 504, 30_000));
        latency.log(entry("hello.localhost", T0, 101, 600_000));
        latency.log(entry("example.com", T0, 200, 5));
        latency.log(new AccessLogEntry(T0, "nope.localhost", "GET", "/", 404, 0, 0, 1, -1, "-", "-"));
        assertThat(latency.latency(HELLO, T0, T0.plusSeconds(60)).requests()).isEqualTo(2);
        assertThat(latency.latency(AppName.of("nope"), T0, T0.plusSeconds(60))).isEqualTo(LatencyWindow.EMPTY);
    }

    @Test
    void keepsNothingOlderThanTheHorizonAndForgetsAppsWithoutRequests() {
        latency.log(entry("hello.localhost", T0, 200, 100));
        latency.log(entry("other.localhost", T0.plus(Duration.ofMinutes(6)), 200, 100));
        assertThat(latency.latency(HELLO, T0.minusSeconds(1), T0.plusSeconds(1)))
                .as("hello had no request for longer than the horizon: forgotten").isEqualTo(LatencyWindow.EMPTY);

        latency.log(entry("other.localhost", T0.plus(Duration.ofMinutes(20)), 200, 100));
        latency.log(entry("other.localhost", T0.plus(Duration.ofMinutes(6)), 200, 100)); // late: past the horizon
        assertThat(latency.latency(AppName.of("other"), T0, T0.plus(Duration.ofMinutes(30))).requests()).isEqualTo(1);
    }

    @Test
    void keepsAtMostSixtyTwoSlotsWhateverTheHorizon() {
        AppLatency hour = new AppLatency(host -> Optional.of(HELLO), Duration.ofHours(1));
        for (int s = 0; s < 3600; s++) {
            hour.log(entry("hello.localhost", T0.plusSeconds(s), 200, 10));
        }
        LatencyWindow all = hour.latency(HELLO, T0, T0.plusSeconds(3600));
        assertThat(all.requests()).as("slots of a minute: the whole hour fits in the ring").isEqualTo(3600);
        assertThat(AppLatency.MAX_SLOTS).isEqualTo(62);
    }

    @Test
    void bucketsGrowByTenPercent() {
        assertThat(AppLatency.bucket(0)).isZero();
        assertThat(AppLatency.bucket(1)).isZero();
        assertThat(AppLatency.bucket(60_000)).isEqualTo(AppLatency.BUCKETS - 1);
        assertThat(AppLatency.bucket(Long.MAX_VALUE)).isEqualTo(AppLatency.BUCKETS - 1);
        for (long ms : new long[] {2, 7, 50, 333, 500, 812, 4000, 59_000}) {
            assertThat((double) AppLatency.middle(AppLatency.bucket(ms))).as("%d ms", ms)
                    .isCloseTo(ms, org.assertj.core.data.Percentage.withPercentage(5.5));
        }
    }
}
