package dev.ferry.core.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PerAppRingTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final PerAppRing<AtomicLong> ring = new PerAppRing<>(3, Duration.ofSeconds(10), 2, AtomicLong::new);

    private List<Long> read(AppName app, Instant now) {
        List<Long> out = new ArrayList<>();
        long last = ring.slotOf(now);
        ring.read(app, last - 9, last, (start, slot) -> out.add(slot.get()));
        return out;
    }

    @Test
    void keepsTheLastSlotsOfEachAppAndDropsWhatIsAWholeRingLate() {
        ring.update(HELLO, T0, AtomicLong::incrementAndGet);
        ring.update(HELLO, T0.plusSeconds(9), AtomicLong::incrementAndGet);
        ring.update(HELLO, T0.plusSeconds(25), AtomicLong::incrementAndGet);
        assertThat(read(HELLO, T0.plusSeconds(25))).containsExactly(2L, 1L);

        ring.update(HELLO, T0.plusSeconds(30), AtomicLong::incrementAndGet); // takes the place of T0's slot
        ring.update(HELLO, T0.plusSeconds(1), AtomicLong::incrementAndGet); // a whole ring late: dropped
        assertThat(read(HELLO, T0.plusSeconds(30))).containsExactly(1L, 1L);
        assertThat(ring.startOf(ring.slotOf(T0.plusSeconds(39)))).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void followsAtMostMaxAppsAndMovesOrForgetsOne() {
        ring.update(HELLO, T0, AtomicLong::incrementAndGet);
        ring.update(AppName.of("two"), T0, AtomicLong::incrementAndGet);
        ring.update(AppName.of("three"), T0, AtomicLong::incrementAndGet);
        assertThat(read(AppName.of("three"), T0)).isEmpty();

        ring.rename(HELLO, AppName.of("renamed"));
        assertThat(read(HELLO, T0)).isEmpty();
        assertThat(read(AppName.of("renamed"), T0)).containsExactly(1L);
        ring.forget(AppName.of("renamed"));
        ring.update(AppName.of("three"), T0, AtomicLong::incrementAndGet);
        assertThat(read(AppName.of("three"), T0)).containsExactly(1L);
    }

    @Test
    void refusesAnEmptyRingOrSlot() {
        assertThatThrownBy(() -> new PerAppRing<>(0, Duration.ofSeconds(1), 1, AtomicLong::new))
                .hasMessageContaining("at least one slot");
        assertThatThrownBy(() -> new PerAppRing<>(1, Duration.ZERO, 1, AtomicLong::new))
                .hasMessageContaining("at least 1 ms");
    }
}
