package dev.ferry.kubernetes.leadership;

import java.time.Duration;
import java.util.Objects;

/**
 * The Lease that replicas compete for, and its timing (the defaults of Kubernetes' own controllers).
 *
 * @param namespace     the Lease's namespace, e.g. {@code ferry-system}
 * @param name          the Lease's name; replicas that share it elect one leader
 * @param identity      this replica's name in the Lease's {@code holderIdentity}, e.g. its pod name; unique per replica
 * @param leaseDuration how long followers wait after the last renewal before they take over; default 15 s
 * @param renewDeadline how long the leader keeps trying to renew before it stops leading; default 10 s
 * @param retryPeriod   how often followers try to acquire and the leader renews; default 2 s
 */
public record LeaseConfig(String namespace, String name, String identity, Duration leaseDuration,
                          Duration renewDeadline, Duration retryPeriod) {

    public LeaseConfig {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identity, "identity");
        if (identity.isBlank()) {
            throw new IllegalArgumentException("the leader identity is empty");
        }
        if (!(retryPeriod.isPositive() && retryPeriod.compareTo(renewDeadline) < 0
                && renewDeadline.compareTo(leaseDuration) < 0)) {
            throw new IllegalArgumentException("lease timing must be 0 < retry period (" + retryPeriod
                    + ") < renew deadline (" + renewDeadline + ") < lease duration (" + leaseDuration + ")");
        }
    }

    /** A Lease with the default timing: 15 s lease, 10 s renew deadline, 2 s retry. */
    public static LeaseConfig of(String namespace, String name, String identity) {
        return new LeaseConfig(namespace, name, identity, Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    /** This Lease with other timing. */
    public LeaseConfig withTiming(Duration lease, Duration renew, Duration retry) {
        return new LeaseConfig(namespace, name, identity, lease, renew, retry);
    }
}
