package dev.ferry.server;

import dev.ferry.control.autoscale.AutoscaleConfig;
import dev.ferry.server.fleet.FleetTuning;
import java.time.Duration;

/**
 * Settings of the {@link Platform} that have good defaults and that tests and benchmarks shorten.
 *
 * @param passiveEjection how long an endpoint that refused or reset a connection is skipped (30 s)
 * @param bootTimeout how long a new instance may take to become healthy (60 s)
 * @param drainTimeout the longest a deregistered instance finishes its requests before it is stopped (30 s)
 * @param stopGrace the time between SIGTERM and SIGKILL (30 s)
 * @param reconcileInterval how often the reconciler compares every app's runtime with its desired state and
 *     converges what drifted (30 s; it also runs at start and on every change)
 * @param autoscale the autoscaler's interval, windows, cool-downs and minimum requests ({@link AutoscaleConfig#DEFAULT})
 * @param fleet the lease and heartbeat timeouts of several control nodes on one store ({@link FleetTuning#DEFAULT})
 */
public record PlatformTuning(Duration passiveEjection, Duration bootTimeout, Duration drainTimeout, Duration stopGrace,
                             Duration reconcileInterval, AutoscaleConfig autoscale, FleetTuning fleet) {
    public static final PlatformTuning DEFAULT = new PlatformTuning(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(30), AutoscaleConfig.DEFAULT, FleetTuning.DEFAULT);

    public PlatformTuning withPassiveEjection(Duration d) {
        return new PlatformTuning(d, bootTimeout, drainTimeout, stopGrace, reconcileInterval, autoscale, fleet);
    }

    public PlatformTuning withRuntime(Duration boot, Duration drain, Duration stop) {
        return new PlatformTuning(passiveEjection, boot, drain, stop, reconcileInterval, autoscale, fleet);
    }

    public PlatformTuning withReconcileInterval(Duration d) {
        return new PlatformTuning(passiveEjection, bootTimeout, drainTimeout, stopGrace, d, autoscale, fleet);
    }

    /** A faster autoscaler for tests: short windows and cool-downs, fewer requests per window. */
    public PlatformTuning withAutoscale(AutoscaleConfig a) {
        return new PlatformTuning(passiveEjection, bootTimeout, drainTimeout, stopGrace, reconcileInterval, a, fleet);
    }

    /** Shorter leases and heartbeats of several control nodes, for tests. */
    public PlatformTuning withFleet(FleetTuning f) {
        return new PlatformTuning(passiveEjection, bootTimeout, drainTimeout, stopGrace, reconcileInterval, autoscale, f);
    }
}
