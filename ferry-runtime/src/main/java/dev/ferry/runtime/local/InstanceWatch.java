package dev.ferry.runtime.local;

import dev.ferry.core.manifest.AppHealthCheck;
import dev.ferry.runtime.health.HealthProbe;
import dev.ferry.runtime.health.StartupGate;
import dev.ferry.runtime.process.ProcessTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The checks of one process of a {@link RunningInstance} while it is up: its liveness (the {@code app.json}
 * liveness checks of its type, or for a web instance without one, {@value #LIVENESS_TCP_FAILURES} failed TCP
 * connects in a row; every {@link LocalRuntimeConfig#livenessInterval()}) and the disk used by its {@code /app}
 * (every {@link LocalRuntimeConfig#diskCheckInterval()}). A failed check deregisters the instance and kills the
 * process; the instance sees the exit as a crash and restarts it with backoff.
 *
 * <p>Threading: each check runs on a virtual thread of the runtime's timer; a liveness check never overlaps the
 * previous one.
 */
final class InstanceWatch {

    private static final int LIVENESS_TCP_FAILURES = 3;

    private final RuntimeServices svc;
    private final RunningInstance instance;
    private final Process process;
    private final Path dir;
    private final long startedNanos;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile int tcpFailures;
    private final ScheduledFuture<?> liveness;
    private final ScheduledFuture<?> disk;

    /** Starts watching {@code process}, started at {@code startedNanos} in {@code dir}. */
    InstanceWatch(RuntimeServices svc, RunningInstance instance, Process process, Path dir, long startedNanos) {
        this.svc = svc;
        this.instance = instance;
        this.process = process;
        this.dir = dir;
        this.startedNanos = startedNanos;
        this.liveness = svc.every(svc.config().livenessInterval(), this::checkLiveness);
        this.disk = svc.every(svc.config().diskCheckInterval(), this::checkDisk);
    }

    void cancel() {
        liveness.cancel(false);
        disk.cancel(false);
    }

    private void checkLiveness() {
        if (!instance.watches(process) || !process.isAlive() || !checking.compareAndSet(false, true)) {
            return;
        }
        try {
            Optional<String> failure = Optional.empty();
            int port = instance.port();
            List<AppHealthCheck> declared = instance.release().checksOf(instance.type()).stream()
                    .filter(ch -> ch.type() == AppHealthCheck.Type.LIVENESS).toList();
            for (AppHealthCheck check : declared) {
                failure = StartupGate.run(check, port, startedNanos, Long.MAX_VALUE, process::isAlive);
                if (failure.isPresent()) {
                    break;
                }
            }
            if (declared.isEmpty() && instance.isWeb()) {
                Optional<String> tcp = HealthProbe.tcp(port, Duration.ofSeconds(5));
                tcpFailures = tcp.isPresent() ? tcpFailures + 1 : 0;
                failure = tcpFailures >= LIVENESS_TCP_FAILURES ? tcp : Optional.empty();
            }
            failure.ifPresent(why -> kill("failed its liveness check (" + why + ")"));
        } finally {
            checking.set(false);
        }
    }

    /** Restarts the instance on a fresh copy of its release when its {@code /app} is over the disk limit. */
    private void checkDisk() {
        if (!instance.watches(process) || !process.isAlive() || dir == null) {
            return;
        }
        DiskQuota.exceeded(dir, svc.config().appDiskLimitBytes())
                .ifPresent(over -> kill("exceeded its disk limit (" + over + ")"));
    }

    private void kill(String why) {
        if (instance.watches(process)) {
            svc.events().event(instance.app(), instance.name() + " " + why + "; restarting");
            svc.routes().deregister(instance);
            ProcessTree.kill(process.toHandle());
        }
    }
}
