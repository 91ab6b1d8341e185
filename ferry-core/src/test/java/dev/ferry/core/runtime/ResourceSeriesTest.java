package dev.ferry.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSeriesTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final Instant NOW = Instant.parse("2026-12-05T10:30:40Z");

    @Test
    void keepsTheMeanCpuAndTheMostMemoryOfEachMinute() {
        ResourceSeries series = new ResourceSeries();
        series.record(HELLO, NOW.minusSeconds(20), 10, 100);
        series.record(HELLO, NOW.minusSeconds(10), 30, 300);
        series.record(HELLO, NOW, 20, 200);

        List<ResourceMinute> hour = series.minutes(HELLO, Duration.ofHours(1), NOW);

        assertThat(hour).hasSize(60);
        assertThat(hour.getLast()).isEqualTo(new ResourceMinute(Instant.parse("2026-12-05T10:30:00Z"), 3, 20, 300));
        assertThat(hour.get(58).measured()).isFalse();
    }

    @Test
    void forgetsMinutesOlderThanAnHourAndShowsTheDayWindowUnmeasuredBeyondIt() {
        ResourceSeries series = new ResourceSeries();
        series.record(HELLO, NOW.minus(Duration.ofMinutes(61)), 50, 500);
        series.record(HELLO, NOW.minus(Duration.ofMinutes(59)), 40, 400);

        List<ResourceMinute> day = series.minutes(HELLO, Duration.ofDays(1), NOW);

        assertThat(day).hasSize(1_440);
        assertThat(day.stream().filter(ResourceMinute::measured).map(ResourceMinute::cpuPercent)).containsExactly(40.0);
        series.record(HELLO, NOW.minus(Duration.ofMinutes(119)), 99, 999); // two hours late: the slot holds a newer minute
        assertThat(series.minutes(HELLO, Duration.ofHours(1), NOW).stream().filter(ResourceMinute::measured)
                .map(ResourceMinute::cpuPercent)).containsExactly(40.0);
    }

    @Test
    void followsAtMostMaxAppsAndForgetsOrRenamesAnApp() {
        ResourceSeries series = new ResourceSeries(1);
        series.record(HELLO, NOW, 10, 100);
        series.record(AppName.of("other"), NOW, 10, 100);

        assertThat(series.minutes(AppName.of("other"), Duration.ofMinutes(1), NOW).getFirst().measured()).isFalse();
        series.rename(HELLO, AppName.of("renamed"));
        assertThat(series.minutes(AppName.of("renamed"), Duration.ofMinutes(1), NOW).getFirst().memoryBytes()).isEqualTo(100);
        series.forget(AppName.of("renamed"));
        assertThat(series.minutes(AppName.of("renamed"), Duration.ofMinutes(1), NOW).getFirst().measured()).isFalse();
    }
}
