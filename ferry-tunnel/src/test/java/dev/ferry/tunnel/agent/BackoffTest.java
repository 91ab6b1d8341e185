package dev.ferry.tunnel.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesWithJitterUpToTheCapAndStartsOverAfterSuccess() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));
        long previousCeiling = 500;
        for (int i = 0; i < 30; i++) {
            long ceiling = Math.min(500L << Math.min(i, 20), 60_000);
            long d = b.next().toMillis();
            assertThat(d).isBetween(ceiling / 2, ceiling);
            previousCeiling = ceiling;
        }
        assertThat(previousCeiling).isEqualTo(60_000);
        b.reset();
        assertThat(b.next().toMillis()).isBetween(250L, 500L);
    }
}
