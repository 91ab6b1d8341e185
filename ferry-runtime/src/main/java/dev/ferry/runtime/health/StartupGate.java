package dev.ferry.runtime.health;

import dev.ferry.core.health.HttpProbe;
import dev.ferry.core.manifest.AppHealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides when a new instance is healthy (DESIGN §3). With startup or readiness checks from {@code app.json}
 * each runs in order with its own attempts; without them a web instance is healthy once its port accepts
 * connections and {@code GET /} answers below 500, retried until the boot timeout; a non-web instance is
 * healthy when it still runs after {@code nonWebUptime}. Every wait ends at the boot deadline or when the
 * process exits.
 */
public final class StartupGate {

    private static final Duration DEFAULT_RETRY = Duration.ofMillis(100);
    /** Instances are probed on the host's loopback (directly, or through their namespace's forwarder). */
    private static final String LOOPBACK = "127.0.0.1";

    private StartupGate() {
    }

    /**
     * Blocks until healthy (empty) or failed (the reason, e.g. {@code did not answer GET / within 60 s}).
     *
     * @param port the instance's {@code $PORT}, 0 for a non-web instance
     * @param alive true while the process runs
     */
    public static Optional<String> await(List<AppHealthCheck> declared, boolean web, int port, Duration bootTimeout,
                                         Duration nonWebUptime, BooleanSupplier alive) {
        long started = System.nanoTime();
        long deadline = started + bootTimeout.toNanos();
        List<AppHealthCheck> gates = declared.stream().filter(AppHealthCheck::gatesStart).toList();
        if (gates.isEmpty() && !web) {
            if (!sleepWhileAlive(nonWebUptime, deadline, alive)) {
                return Optional.of(alive.getAsBoolean() ? "boot timeout is shorter than the uptime check"
                        : "exited during boot");
            }
            return Optional.empty();
        }
        if (gates.isEmpty()) {
            String last = "did not open port " + port;
            while (System.nanoTime() < deadline) {
                if (!alive.getAsBoolean()) {
                    return Optional.of("exited during boot");
                }
                Optional<String> failure = HttpProbe.check(LOOPBACK, port, "/", Optional.empty(), Duration.ofSeconds(5), 500);
                if (failure.isEmpty()) {
                    return Optional.empty();
                }
                last = failure.get();
                if (!sleepWhileAlive(DEFAULT_RETRY, deadline, alive) && !alive.getAsBoolean()) {
                    return Optional.of("exited during boot");
                }
            }
            return Optional.of("did not answer GET / below 500 within " + bootTimeout.toSeconds() + " s ("
                    + last + ")");
        }
        for (AppHealthCheck check : gates) {
            Optional<String> failure = run(check, port, started, deadline, alive);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** One check with its attempts; also used by liveness rounds (with a far deadline). */
    public static Optional<String> run(AppHealthCheck check, int port, long startedNanos, long deadline,
                                       BooleanSupplier alive) {
        if (!sleepWhileAlive(check.initialDelay(), deadline, alive)) {
            return Optional.of(alive.getAsBoolean() ? "check " + check.describe() + " timed out in its initial delay"
                    : "exited during boot");
        }
        String last = "";
        for (int attempt = 1; attempt <= check.attempts(); attempt++) {
            if (!alive.getAsBoolean()) {
                return Optional.of("exited during boot");
            }
            Optional<String> failure = once(check, port, startedNanos, deadline, alive);
            if (failure.isEmpty()) {
                return Optional.empty();
            }
            last = failure.get();
            if (attempt < check.attempts() && !sleepWhileAlive(check.waitBetween(), deadline, alive)) {
                return Optional.of(System.nanoTime() >= deadline ? "check " + check.describe() + " timed out: " + last
                        : "exited during boot");
            }
        }
        return Optional.of("failed " + check.type().name().toLowerCase() + " check " + check.describe() + " after "
                + check.attempts() + " attempts: " + last);
    }

    private static Optional<String> once(AppHealthCheck check, int port, long startedNanos, long deadline,
                                         BooleanSupplier alive) {
        long upFor = System.nanoTime() - startedNanos;
        if (!check.uptime().isZero() && upFor < check.uptime().toNanos()
                && !sleepWhileAlive(Duration.ofNanos(check.uptime().toNanos() - upFor), deadline, alive)) {
            return Optional.of("did not stay up for " + check.uptime().toSeconds() + " s");
        }
        int target = check.port().orElse(port);
        if (check.path().isPresent()) {
            return HttpProbe.check(LOOPBACK, target, check.path().get(), check.content(), check.timeout(), 400);
        }
        if (check.uptime().isZero() || check.port().isPresent()) {
            return HealthProbe.tcp(target, check.timeout());
        }
        return Optional.empty();
    }

    /** Sleeps {@code d}; false when the process died or the deadline came first. */
    static boolean sleepWhileAlive(Duration d, long deadline, BooleanSupplier alive) {
        long wanted = System.nanoTime() + d.toNanos();
        long end = Math.min(wanted, deadline);
        while (System.nanoTime() < end) {
            if (!alive.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return alive.getAsBoolean() && wanted <= deadline;
    }
}
