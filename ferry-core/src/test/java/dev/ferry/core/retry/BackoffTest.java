package dev.ferry.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheFirstWaitUpToTheCap() {
        Backoff b = Backoff.doubling(Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertThat(b.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delay(40)).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void defaultIsTwoHundredMillisecondsDoublingToTenSeconds() {
        assertThat(Backoff.DEFAULT.delay(0)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.DEFAULT.delay(1)).isEqualTo(Duration.ofMillis(400));
        assertThat(Backoff.DEFAULT.delay(6)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterTakesAtMostItsPartOffEachWait() {
        Backoff b = Backoff.doubling(Duration.ofMillis(500), Duration.ofSeconds(60)).withJitter(0.5);
        long previousCeiling = 500;
        for (int i = 0; i < 30; i++) {
            long ceiling = Math.min(500L << Math.min(i, 20), 60_000);
            long d = b.delay(i).toMillis();
            assertThat(d).isBetween(ceiling / 2, ceiling);
            previousCeiling = ceiling;
        }
        assertThat(previousCeiling).isEqualTo(60_000);
        assertThat(b.delay(0).toMillis()).isBetween(250L, 500L);
    }

    @Test
    void jitterSpreadsTheWaits() {
        Backoff b = Backoff.doubling(Duration.ofSeconds(1), Duration.ofSeconds(1)).withJitter(1);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> b.delay(0)).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void otherFactorsGrowTheWaitByThemselves() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 3, 0);
        assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void refusesShapesThatCannotBeWaited() {
        assertThatThrownBy(() -> Backoff.doubling(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max >= initial");
        assertThatThrownBy(() -> Backoff.doubling(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ZERO, 0.5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ZERO, 2, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> Backoff.DEFAULT.delay(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
