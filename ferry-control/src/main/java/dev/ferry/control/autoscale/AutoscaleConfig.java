package dev.ferry.control.autoscale;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing of the {@link Autoscaler}; the defaults ({@link #DEFAULT}) are Heroku's habits, and tests shorten them.
 *
 * @param interval     how often every autoscaled app is looked at (15 s)
 * @param upWindow     the span whose p95 must be above the goal to add an instance (1 min)
 * @param downWindow   the span whose p95 must be below half the goal to remove one; longer, because a removal that
 *                     was wrong costs users slow requests while an addition that was wrong costs an instance (5 min)
 * @param upCooldown   the least time after a change (or after the rule was set) before an instance is added (2 min)
 * @param downCooldown the least time after a change (or after the rule was set) before one is removed (5 min)
 * @param minRequests  the fewest requests in a window for its p95 to count (20: below that the p95 is one or two slow
 *                     requests); a down window with fewer is an idle app, which needs no extra instance
 */
public record AutoscaleConfig(Duration interval, Duration upWindow, Duration downWindow, Duration upCooldown,
                              Duration downCooldown, int minRequests) {

    public static final AutoscaleConfig DEFAULT = new AutoscaleConfig(Duration.ofSeconds(15), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(5), 20);

    public AutoscaleConfig {
        for (Duration d : new Duration[] {interval, upWindow, downWindow, upCooldown, downCooldown}) {
            Objects.requireNonNull(d, "a duration of the autoscaler");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the autoscaler's durations must be positive, not " + d);
            }
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("minRequests must be at least 1, not " + minRequests);
        }
    }

    /** The longest span the autoscaler reads: how much of the past a {@code LatencySource} must keep. */
    public Duration longestWindow() {
        return upWindow.compareTo(downWindow) >= 0 ? upWindow : downWindow;
    }

    /**
     * The slot width the latency series needs for these windows: a minute, or a second when a window is shorter than
     * a minute (tests), since a window is read to whole slots.
     */
    public Duration latencySlot() {
        Duration shortest = upWindow.compareTo(downWindow) <= 0 ? upWindow : downWindow;
        return shortest.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofSeconds(1) : Duration.ofMinutes(1);
    }
}
