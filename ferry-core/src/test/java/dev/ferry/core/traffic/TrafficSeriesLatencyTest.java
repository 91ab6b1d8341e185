package dev.ferry.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.autoscale.LatencyWindow;
import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** The traffic series as the autoscaler's latency source: the count and p95 of a span, read to whole slots. */
class TrafficSeriesLatencyTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final TrafficSeries series = new TrafficSeries();

    private LatencyWindow minute(Instant end) {
        return series.latency(HELLO, end.minus(Duration.ofMinutes(1)), end);
    }

    @Test
    void answersTheP95OfTheRequestsOfTheSpanWithinTenPercent() {
        for (int ms = 1; ms <= 1000; ms++) {
            series.record(HELLO, T0.plusMillis(ms * 10L), 200, ms, 0, 0);
        }
        LatencyWindow w = minute(T0.plusSeconds(30));
        assertThat(w.requests()).isEqualTo(1000);
        assertThat((double) w.p95().toMillis()).isCloseTo(950, Percentage.withPercentage(5));
        assertThat(w.p95().toMillis()).isGreaterThanOrEqualTo(950);
        assertThat(series.latency(AppName.of("other"), T0, T0.plusSeconds(60))).isEqualTo(LatencyWindow.EMPTY);
    }

    @Test
    void readsOnlyTheSlotsOfTheSpan() {
        for (int i = 0; i < 50; i++) {
            series.record(HELLO, T0.plusMillis(i), 200, 900, 0, 0);
            series.record(HELLO, T0.plusSeconds(240).plusMillis(i), 200, 20, 0, 0);
        }
        LatencyWindow early = minute(T0.plusSeconds(61));
        assertThat(early.requests()).isEqualTo(50);
        assertThat(early.p95().toMillis()).isBetween(855L, 945L);
        LatencyWindow late = minute(T0.plusSeconds(241));
        assertThat(late.requests()).isEqualTo(50);
        assertThat(late.p95().toMillis()).isBetween(19L, 21L);
        assertThat(series.latency(HELLO, T0, T0.plusSeconds(241)).requests()).isEqualTo(100);
        assertThat(minute(T0.plusSeconds(170)).requests()).as("minutes with none").isZero();
        assertThat(series.latency(HELLO, T0.plusSeconds(5), T0.plusSeconds(5))).isEqualTo(LatencyWindow.EMPTY);
    }

    @Test
    void countsUpgradesAsRequestsButNotAsLatencies() {
        series.record(HELLO, T0, 503, 3, 0, 0);
        series.record(HELLO, T0, 504, 30_000, 0, 0);
        series.record(HELLO, T0, 101, 600_000, 0, 0);

        assertThat(series.latency(HELLO, T0, T0.plusSeconds(60)).requests()).isEqualTo(2);
        assertThat(series.summary(HELLO, Duration.ofMinutes(1), T0).status1xx()).isEqualTo(1);
        assertThat(series.summary(HELLO, Duration.ofMinutes(1), T0).p99Ms()).isEqualTo(30_000);
    }

    @Test
    void answersSpansOfSecondsWithSlotsOfASecond() {
        TrafficSeries seconds = new TrafficSeries(10, Duration.ofSeconds(1));
        for (int i = 0; i < 30; i++) {
            seconds.record(HELLO, T0.plusMillis(i * 10L), 200, 400, 0, 0);
            seconds.record(HELLO, T0.plusSeconds(3).plusMillis(i * 10L), 200, 10, 0, 0);
        }

        LatencyWindow lastTwoSeconds = seconds.latency(HELLO, T0.plusSeconds(2), T0.plusSeconds(4));
        assertThat(lastTwoSeconds.requests()).isEqualTo(30);
        assertThat(lastTwoSeconds.p95().toMillis()).isEqualTo(10);
        assertThat(seconds.minutes(HELLO, Duration.ofSeconds(4), T0.plusSeconds(3))).hasSize(4)
                .extracting(TrafficMinute::requests).containsExactly(30L, 0L, 0L, 30L);
        assertThatThrownBy(() -> new TrafficSeries(10, Duration.ofMillis(500)))
                .hasMessageContaining("1 second to 1 minute");
    }
}
