package dev.ferry.server;

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
 * @param fleet the lease and heartbeat timeouts of several control nodes on one store ({@link FleetTuning#DEFAULT})
 */
public record PlatformTuning(Duration passiveEjection, Duration bootTimeout, Duration drainTimeout, Duration stopGrace,
                             Duration reconcileInterval, FleetTuning fleet) {
    public static final PlatformTuning DEFAULT = new PlatformTuning(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(30), FleetTuning.DEFAULT);

    public PlatformTuning withPassiveEjection(Duration d) {
        return new PlatformTuning(d, bootTimeout, drainTimeout, stopGrace, reconcileInterval, fleet);
    }

    /** Shorter runtime durations for tests: a broken release fails fast, old instances stop soon. */
    public PlatformTuning withRuntime(Duration boot, Duration drain, Duration stop) {
        return new PlatformTuning(passiveEjection, boot, drain, stop, reconcileInterval, fleet);
    }

    public PlatformTuning withReconcileInterval(Duration d) {
        return new PlatformTuning(passiveEjection, bootTimeout, drainTimeout, stopGrace, d, fleet);
    }

    public PlatformTuning withFleet(FleetTuning f) {
        return new PlatformTuning(passiveEjection, bootTimeout, drainTimeout, stopGrace, reconcileInterval, f);
    }
}
