package dev.ferry.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficSeriesTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final Instant NOW = Instant.parse("2026-12-05T10:30:20Z");

    @Test
    void countsRequestsPerMinuteByStatusClassWithBytes() {
        TrafficSeries series = new TrafficSeries();
        series.record(HELLO, NOW, 200, 5, 10, 100);
        series.record(HELLO, NOW.minusSeconds(5), 503, 5, 0, 20);
        series.record(HELLO, NOW.minusSeconds(60), 404, 5, 0, 7);
        series.record(HELLO, NOW.minusSeconds(60), 499, 5, 0, 0);

        List<TrafficMinute> hour = series.minutes(HELLO, Duration.ofHours(1), NOW);

        assertThat(hour).hasSize(60);
        TrafficMinute last = hour.get(59);
        assertThat(last.start()).isEqualTo(Instant.parse("2026-12-05T10:30:00Z"));
        assertThat(last.status2xx()).isEqualTo(1);
        assertThat(last.status5xx()).isEqualTo(1);
        assertThat(last.bytesIn()).isEqualTo(10);
        assertThat(last.bytesOut()).isEqualTo(120);
        assertThat(hour.get(58).status4xx()).isEqualTo(2);
        assertThat(hour.get(0).requests()).isZero();
        assertThat(hour.get(0).p95Ms()).isEqualTo(-1);
    }

    @Test
    void reportsPercentilesWithinTheirBucket() {
        TrafficSeries series = new TrafficSeries();
        for (int i = 0; i < 90; i++) {
            series.record(HELLO, NOW, 200, 4, 0, 0);
        }
        for (int i = 0; i < 10; i++) {
            series.record(HELLO, NOW, 200, 480, 0, 0);
        }

        TrafficMinute minute = series.summary(HELLO, Duration.ofMinutes(5), NOW);

        assertThat(minute.requests()).isEqualTo(100);
        assertThat(minute.p50Ms()).as("the bucket of 4 ms holds no other whole millisecond").isEqualTo(4);
        assertThat(minute.p95Ms()).isEqualTo(480);
        assertThat(minute.p99Ms()).isEqualTo(480);
    }

    @Test
    void sumsAWindowAndForgetsWhatIsOlderThanADay() {
        TrafficSeries series = new TrafficSeries();
        series.record(HELLO, NOW.minus(Duration.ofMinutes(3)), 200, 1, 0, 0);
        series.record(HELLO, NOW.minus(Duration.ofMinutes(20)), 200, 1, 0, 0);
        series.record(HELLO, NOW.minus(Duration.ofDays(1)), 200, 1, 0, 0);

        assertThat(series.summary(HELLO, Duration.ofMinutes(10), NOW).requests()).isEqualTo(1);
        assertThat(series.summary(HELLO, Duration.ofDays(1), NOW).requests()).isEqualTo(2);
        assertThat(series.minutes(HELLO, Duration.ofDays(1), NOW)).hasSize(1_440);
    }

    @Test
    void followsAtMostTheGivenNumberOfApps() {
        TrafficSeries series = new TrafficSeries(1);
        series.record(HELLO, NOW, 200, 1, 0, 0);
        series.record(AppName.of("other"), NOW, 200, 1, 0, 0);

        assertThat(series.summary(AppName.of("other"), Duration.ofMinutes(1), NOW).requests()).isZero();
        series.forget(HELLO);
        series.record(AppName.of("other"), NOW, 200, 1, 0, 0);
        assertThat(series.summary(AppName.of("other"), Duration.ofMinutes(1), NOW).requests()).isEqualTo(1);
    }

    @Test
    void keepsARenamedAppsMinutesUnderItsNewName() {
        TrafficSeries series = new TrafficSeries();
        series.record(HELLO, NOW, 200, 1, 0, 0);
        series.record(AppName.of("other"), NOW, 200, 1, 0, 0);

        series.rename(HELLO, AppName.of("other"));

        assertThat(series.summary(HELLO, Duration.ofMinutes(1), NOW).requests()).isZero();
        assertThat(series.summary(AppName.of("other"), Duration.ofMinutes(1), NOW).requests()).isEqualTo(1);
    }

    @Test
    void refusesAWindowLongerThanADay() {
        assertThatThrownBy(() -> new TrafficSeries().minutes(HELLO, Duration.ofDays(2), NOW))
                .hasMessageContaining("1 minute to 1 day");
    }
}
