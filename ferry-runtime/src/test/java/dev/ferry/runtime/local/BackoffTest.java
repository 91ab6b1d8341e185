package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void restartsAtOnceThenDoublesUpToTheCapAndResets() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertThat(b.next()).isZero();
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 40; i++) {
            b.next();
        }
        assertThat(b.next()).isEqualTo(Duration.ofMinutes(5));
        b.reset();
        assertThat(b.next()).isZero();
    }
}
