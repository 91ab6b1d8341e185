package dev.ferry.core.autoscale;

import dev.ferry.core.store.Formation;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code ferry ps:autoscale web --min 1 --max 5 --p95 500ms} asks for: keep between {@code min} and {@code max}
 * instances of {@code web}, adding one while the p95 response time stays above {@code p95Goal}. A rule that exists
 * is valid.
 *
 * @param min     the fewest instances, 1 to {@value Formation#MAX_QUANTITY}
 * @param max     the most instances, {@code min} to {@value Formation#MAX_QUANTITY}
 * @param p95Goal the p95 response time to stay under, {@value #MIN_GOAL_MILLIS} ms to {@value #MAX_GOAL_MILLIS} ms,
 *                whole milliseconds
 */
public record AutoscaleRule(int min, int max, Duration p95Goal) {

    /** The one process type that is autoscaled: the router sends HTTP to {@code web} alone. */
    public static final String WEB = "web";
    public static final long MIN_GOAL_MILLIS = 10;
    public static final long MAX_GOAL_MILLIS = 60_000;

    public AutoscaleRule {
        Objects.requireNonNull(p95Goal, "p95Goal");
        if (min < 1 || min > Formation.MAX_QUANTITY) {
            throw new IllegalArgumentException("min must be from 1 to " + Formation.MAX_QUANTITY + ", not " + min
                    + " (to run no web instance, turn autoscaling off and scale web=0)");
        }
        if (max < min || max > Formation.MAX_QUANTITY) {
            throw new IllegalArgumentException(max < min
                    ? "min (" + min + ") is more than max (" + max + ")"
                    : "max must be at most " + Formation.MAX_QUANTITY + ", not " + max);
        }
        if (p95Goal.toMillis() < MIN_GOAL_MILLIS || p95Goal.toMillis() > MAX_GOAL_MILLIS
                || !p95Goal.equals(Duration.ofMillis(p95Goal.toMillis()))) {
            throw new IllegalArgumentException("the p95 goal must be whole milliseconds from " + MIN_GOAL_MILLIS + "ms to "
                    + (MAX_GOAL_MILLIS / 1000) + "s, not " + p95Goal.toMillis() + "ms");
        }
    }

    /** The rule's quantity nearest to {@code quantity}. */
    public int clamp(int quantity) {
        return Math.max(min, Math.min(max, quantity));
    }

    /** As the CLI shows it: {@code web 1..5, p95 goal 500 ms}. */
    public String describe() {
        return WEB + " " + min + ".." + max + ", p95 goal " + p95Goal.toMillis() + " ms";
    }
}
