package dev.ferry.control.autoscale;

import dev.ferry.core.autoscale.AutoscaleDecision;
import dev.ferry.core.autoscale.AutoscaleRule;
import dev.ferry.core.autoscale.AutoscaleSetting;
import dev.ferry.core.autoscale.LatencySource;
import dev.ferry.core.autoscale.LatencyWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an app's {@code web} quantity should change now, by one step, from its rule and the router's latency:
 * <ol>
 *   <li>outside {@code [min, max]} (the rule changed): to the nearest bound, at once;</li>
 *   <li>up by one when the p95 over the last {@link AutoscaleConfig#upWindow} is above the goal, with at least
 *       {@link AutoscaleConfig#minRequests} requests, and the last change is {@link AutoscaleConfig#upCooldown} and
 *       a whole window old;</li>
 *   <li>down by one when the p95 over the last {@link AutoscaleConfig#downWindow} is below half the goal (or the
 *       window had fewer than {@code minRequests} requests: the app is idle), and the last change is
 *       {@link AutoscaleConfig#downCooldown} and a whole window old.</li>
 * </ol>
 * Half the goal, and not the goal, leaves a gap between adding and removing: with {@code n} instances at a p95 just
 * under the goal, one fewer gives each {@code n/(n-1)} of the load (twice as much from 2 to 1), and queueing makes
 * latency grow faster than load, so removing it would bring the p95 back over the goal and the next window would add
 * it again. A window never reaches back before the last change, so it measures the quantity that runs now.
 * Never below {@code min}, never above {@code max}, and nothing for a {@code web} of 0 (no release runs yet).
 */
public final class AutoscalePolicy {

    private final AutoscaleConfig config;
    private final LatencySource latency;

    public AutoscalePolicy(AutoscaleConfig config, LatencySource latency) {
        this.config = Objects.requireNonNull(config, "config");
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    /**
     * @param quantity   the {@code web} quantity of the formation now
     * @param lastChange when the quantity last changed by a decision, or the rule was set, whichever is later
     */
    public Optional<AutoscaleDecision> decide(AutoscaleSetting setting, int quantity, Instant lastChange, Instant now) {
        AutoscaleRule rule = setting.rule();
        if (quantity == 0) {
            return Optional.empty();
        }
        if (quantity != rule.clamp(quantity)) {
            int to = rule.clamp(quantity);
            return Optional.of(new AutoscaleDecision(now, quantity, to, Duration.ZERO, 0, "autoscale: " + step(quantity, to)
                    + ", " + (to > quantity ? "up to the minimum " : "down to the maximum ") + to));
        }
        Duration quiet = Duration.between(lastChange, now);
        long goal = rule.p95Goal().toMillis();
        if (quantity < rule.max() && ready(quiet, config.upCooldown(), config.upWindow())) {
            LatencyWindow w = latency.latency(setting.app(), now.minus(config.upWindow()), now);
            if (w.requests() >= config.minRequests() && w.p95().toMillis() > goal) {
                return decision(now, quantity, quantity + 1, w, "p95 " + w.p95().toMillis() + " ms > " + goal + " ms");
            }
        }
        if (quantity > rule.min() && ready(quiet, config.downCooldown(), config.downWindow())) {
            LatencyWindow w = latency.latency(setting.app(), now.minus(config.downWindow()), now);
            if (w.requests() < config.minRequests()) {
                return decision(now, quantity, quantity - 1, w, "idle: " + w.requests() + " requests in "
                        + seconds(config.downWindow()) + " (fewer than " + config.minRequests() + ")");
            }
            if (w.p95().toMillis() * 2 < goal) {
                return decision(now, quantity, quantity - 1, w, "p95 " + w.p95().toMillis() + " ms < " + goal / 2
                        + " ms (half of " + goal + " ms)");
            }
        }
        return Optional.empty();
    }

    private static boolean ready(Duration quiet, Duration cooldown, Duration window) {
        return quiet.compareTo(cooldown) >= 0 && quiet.compareTo(window) >= 0;
    }

    private static Optional<AutoscaleDecision> decision(Instant now, int from, int to, LatencyWindow w, String why) {
        return Optional.of(new AutoscaleDecision(now, from, to, w.p95(), w.requests(),
                "autoscale: " + step(from, to) + ", " + why));
    }

    private static String step(int from, int to) {
        return AutoscaleRule.WEB + " " + from + "→" + to;
    }

    private static String seconds(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
