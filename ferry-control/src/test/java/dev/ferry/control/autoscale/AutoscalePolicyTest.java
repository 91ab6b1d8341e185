package dev.ferry.control.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.autoscale.AutoscaleDecision;
import dev.ferry.core.autoscale.AutoscaleRule;
import dev.ferry.core.autoscale.AutoscaleSetting;
import dev.ferry.core.autoscale.LatencyWindow;
import dev.ferry.core.store.AppName;
import dev.ferry.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The decision alone, on a clock the test moves: up above the goal, down below half of it or when idle, by one step,
 * within the bounds, after the cool-downs, over windows that never reach back before the last change.
 */
class AutoscalePolicyTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final AutoscaleConfig CONFIG = AutoscaleConfig.DEFAULT;

    private final MutableClock clock = new MutableClock();
    private final Instant enabled = clock.instant();
    private final List<Instant[]> reads = new ArrayList<>();
    /** What the router reports for the up window (1 min) and for the down window (5 min). */
    private LatencyWindow upWindow = LatencyWindow.EMPTY;
    private LatencyWindow downWindow = LatencyWindow.EMPTY;
    private final AutoscalePolicy policy = new AutoscalePolicy(CONFIG, (app, from, to) -> {
        reads.add(new Instant[] {from, to});
        return Duration.between(from, to).equals(CONFIG.upWindow()) ? upWindow : downWindow;
    });

    private static AutoscaleSetting setting(int min, int max, long goalMs, Instant since) {
        return new AutoscaleSetting(HELLO, new AutoscaleRule(min, max, Duration.ofMillis(goalMs)), since);
    }

    private static LatencyWindow p95(long requests, long ms) {
        return new LatencyWindow(requests, Duration.ofMillis(ms));
    }

    private Optional<AutoscaleDecision> decide(int quantity, Instant lastChange) {
        return policy.decide(setting(1, 5, 500, enabled), quantity, lastChange, clock.instant());
    }

    @Test
    void addsOneInstanceWhenTheP95OfTheWindowIsAboveTheGoalAfterTheCoolDown() {
        upWindow = p95(140, 812);
        downWindow = p95(600, 700);
        clock.advance(CONFIG.upCooldown().minusSeconds(1));
        assertThat(decide(1, enabled)).as("within the up cool-down").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        AutoscaleDecision up = decide(1, enabled).orElseThrow();
        assertThat(up.from()).isEqualTo(1);
        assertThat(up.to()).isEqualTo(2);
        assertThat(up.p95()).isEqualTo(Duration.ofMillis(812));
        assertThat(up.requests()).isEqualTo(140);
        assertThat(up.reason()).isEqualTo("autoscale: web 1→2, p95 812 ms > 500 ms");
        assertThat(up.at()).isEqualTo(clock.instant());
        assertThat(reads.getLast()).containsExactly(clock.instant().minus(CONFIG.upWindow()), clock.instant());
    }

    @Test
    void neitherAddsNorRemovesAtTheGoalOrBetweenHalfAndTheGoal() {
        clock.advance(Duration.ofHours(1));
        upWindow = p95(1000, 500);
        downWindow = p95(5000, 250);
        assertThat(decide(2, enabled)).as("at the goal and at exactly half of it").isEmpty();
        upWindow = p95(1000, 400);
        downWindow = p95(5000, 400);
        assertThat(decide(2, enabled)).isEmpty();
    }

    @Test
    void makesNoDecisionUpFromTooFewRequests() {
        clock.advance(Duration.ofHours(1));
        upWindow = p95(CONFIG.minRequests() - 1, 5000);
        downWindow = p95(CONFIG.minRequests() - 1, 5000);
        assertThat(decide(1, enabled)).as("19 slow requests are no evidence of load").isEmpty();
        upWindow = p95(CONFIG.minRequests(), 5000);
        assertThat(decide(1, enabled).map(AutoscaleDecision::to)).contains(2);
    }

    @Test
    void removesOneBelowHalfTheGoalAfterTheLongerCoolDown() {
        upWindow = p95(500, 100);
        downWindow = p95(3000, 249);
        Instant lastUp = clock.instant();
        clock.advance(CONFIG.downCooldown().minusSeconds(1));
        assertThat(decide(3, lastUp)).as("within the down cool-down").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        AutoscaleDecision down = decide(3, lastUp).orElseThrow();
        assertThat(down.to()).isEqualTo(2);
        assertThat(down.reason()).isEqualTo("autoscale: web 3→2, p95 249 ms < 250 ms (half of 500 ms)");
        assertThat(reads.getLast()).containsExactly(clock.instant().minus(CONFIG.downWindow()), clock.instant());
    }

    @Test
    void removesOneFromAnIdleApp() {
        clock.advance(Duration.ofHours(1));
        downWindow = p95(3, 900);
        AutoscaleDecision down = decide(2, enabled).orElseThrow();
        assertThat(down.to()).isEqualTo(1);
        assertThat(down.reason()).isEqualTo("autoscale: web 2→1, idle: 3 requests in 5 min (fewer than 20)");
    }

    @Test
    void staysWithinMinAndMax() {
        clock.advance(Duration.ofHours(1));
        upWindow = p95(1000, 5000);
        downWindow = p95(5000, 5000);
        assertThat(decide(5, enabled)).as("at max").isEmpty();
        upWindow = p95(1000, 1);
        downWindow = LatencyWindow.EMPTY;
        assertThat(decide(1, enabled)).as("at min, even idle").isEmpty();
    }

    @Test
    void bringsAQuantityOutsideTheRuleToItsNearestBoundAtOnce() {
        AutoscaleDecision down = policy.decide(setting(1, 3, 500, enabled), 7, enabled, clock.instant()).orElseThrow();
        assertThat(down.to()).isEqualTo(3);
        assertThat(down.reason()).isEqualTo("autoscale: web 7→3, down to the maximum 3");
        AutoscaleDecision up = policy.decide(setting(2, 3, 500, enabled), 1, enabled, clock.instant()).orElseThrow();
        assertThat(up.to()).isEqualTo(2);
        assertThat(up.reason()).isEqualTo("autoscale: web 1→2, up to the minimum 2");
        assertThat(reads).as("no latency needed").isEmpty();
    }

    @Test
    void leavesAnAppWithoutWebInstancesAlone() {
        clock.advance(Duration.ofHours(1));
        upWindow = p95(1000, 5000);
        assertThat(decide(0, enabled)).isEmpty();
    }

    @Test
    void neverReadsAWindowThatReachesBackBeforeTheLastChange() {
        AutoscaleConfig shortCoolDowns = new AutoscaleConfig(Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(10), 20);
        AutoscalePolicy quick = new AutoscalePolicy(shortCoolDowns, (app, from, to) -> p95(1000, 5000));
        Instant change = clock.instant();
        clock.advance(Duration.ofSeconds(59));
        assertThat(quick.decide(setting(1, 5, 500, enabled), 2, change, clock.instant()))
                .as("the slow minute was partly before the change").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(quick.decide(setting(1, 5, 500, enabled), 2, change, clock.instant())).isPresent();
    }

    @Test
    void refusesARuleOrConfigThatCannotWork() {
        assertThatThrownBy(() -> new AutoscaleRule(3, 2, Duration.ofMillis(500)))
                .hasMessage("min (3) is more than max (2)");
        assertThatThrownBy(() -> new AutoscaleRule(0, 2, Duration.ofMillis(500))).hasMessageStartingWith("min must");
        assertThatThrownBy(() -> new AutoscaleRule(1, 101, Duration.ofMillis(500))).hasMessageStartingWith("max must");
        assertThatThrownBy(() -> new AutoscaleRule(1, 2, Duration.ofMillis(5))).hasMessageContaining("p95 goal");
        assertThatThrownBy(() -> new AutoscaleConfig(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Duration.ofMinutes(5), 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
