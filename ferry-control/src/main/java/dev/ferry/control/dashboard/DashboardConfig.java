package dev.ferry.control.dashboard;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the dashboard's sign-ins last. Sessions live in memory and end with the process.
 *
 * @param sessionIdle  a session unused this long ends (default 8 hours)
 * @param sessionMax   a session ends this long after sign-in, used or not (default 24 hours)
 * @param linkLifetime a one-time sign-in link of {@code ferry dashboard} works this long (default 5 minutes)
 * @param maxSessions  sessions kept at most; the oldest ends first beyond it (default 10,000)
 */
public record DashboardConfig(Duration sessionIdle, Duration sessionMax, Duration linkLifetime, int maxSessions) {

    public static final DashboardConfig DEFAULT = new DashboardConfig(Duration.ofHours(8), Duration.ofHours(24),
            Duration.ofMinutes(5), 10_000);

    public DashboardConfig {
        requirePositive(sessionIdle, "sessionIdle");
        requirePositive(sessionMax, "sessionMax");
        requirePositive(linkLifetime, "linkLifetime");
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
