package dev.ferry.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.autoscale.LatencyWindow;
import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficReportTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:07Z");

    @Test
    void readsBackWhatItWritesAndSkipsLinesItCannotRead() {
        TrafficReport report = new TrafficReport(List.of(
                new TrafficReport.Line("hello.localhost", AT, 200, 42, false, 3, 10, 300),
                new TrafficReport.Line("www.example.com", AT, 101, 0, true, 1, 0, 0)));

        String text = report.encode();

        assertThat(TrafficReport.decode(text)).isEqualTo(report);
        assertThat(TrafficReport.decode("garbage\n" + text + "a\tb\tc\td\te\tf\tg\th\n"
                + "bad host\t1\t200\t1\t-\t1\t0\t0\n").lines()).isEqualTo(report.lines());
        assertThatThrownBy(() -> new TrafficReport.Line("a b", AT, 200, 1, false, 1, 0, 0))
                .hasMessageContaining("no blank");
        assertThatThrownBy(() -> new TrafficReport.Line("a", AT, 200, 1, false, 0, 0, 0))
                .hasMessageContaining("at least one request");
    }

    @Test
    void roundsALatencyToItsBucketSoThatTheSeriesCountsItAlike() {
        assertThat(TrafficReport.roundLatency(4)).isEqualTo(4);
        assertThat(TrafficReport.roundLatency(900)).isBetween(900L, 990L);
        assertThat(TrafficReport.roundLatency(-3)).isZero();

        TrafficSeries series = new TrafficSeries();
        AppName hello = AppName.of("hello");
        series.record(hello, new TrafficReport.Line("hello.localhost", AT, 200, TrafficReport.roundLatency(900), false,
                40, 0, 4000));
        series.record(hello, new TrafficReport.Line("hello.localhost", AT, 200, TrafficReport.roundLatency(5), false,
                60, 0, 6000));

        LatencyWindow w = series.latency(hello, AT.minusSeconds(5), AT.plusSeconds(5));
        assertThat(w.requests()).isEqualTo(100);
        assertThat(w.p95()).isEqualTo(Duration.ofMillis(TrafficReport.roundLatency(900)));
        assertThat(series.summary(hello, Duration.ofMinutes(1), AT).bytesOut()).isEqualTo(10_000);
    }
}
