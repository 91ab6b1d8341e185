package dev.ferry.kubernetes.runtime;

import dev.ferry.core.manifest.AppHealthCheck;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import java.util.List;

/**
 * The probes of a web container, from the process type's {@code app.json} health checks (Dokku's format) where it
 * has them, else what the local runtime checks: that {@code PORT} accepts connections. A readiness (or startup)
 * check with a path becomes an HTTP GET readiness probe on its port (2xx and 3xx pass, as Kubernetes counts them; a
 * {@code content} match has no Kubernetes equivalent and is not checked); one without becomes a TCP probe; its
 * attempts, timeout, wait and initial delay carry over. A liveness check becomes the liveness probe the same way.
 */
final class ReadinessProbes {

    private ReadinessProbes() {
    }

    /** The readiness probe of a container listening on {@code port}. */
    static Probe readiness(List<AppHealthCheck> checks, int port) {
        return checks.stream().filter(AppHealthCheck::gatesStart).findFirst()
                .map(c -> fromCheck(c, port))
                .orElseGet(() -> new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
                        .withPeriodSeconds(1).withFailureThreshold(3).withTimeoutSeconds(5).build());
    }

    /** The liveness probe of the first liveness check; null without one. */
    static Probe liveness(List<AppHealthCheck> checks, int port) {
        return checks.stream().filter(c -> c.type() == AppHealthCheck.Type.LIVENESS).findFirst()
                .map(c -> fromCheck(c, port)).orElse(null);
    }

    private static Probe fromCheck(AppHealthCheck check, int port) {
        IntOrString target = new IntOrString(check.port().orElse(port));
        ProbeBuilder probe = new ProbeBuilder()
                .withInitialDelaySeconds(seconds(check.initialDelay().plus(check.uptime()), 0))
                .withPeriodSeconds(seconds(check.waitBetween(), 1))
                .withTimeoutSeconds(seconds(check.timeout(), 1))
                .withFailureThreshold(check.attempts());
        if (check.path().isPresent()) {
            return probe.withNewHttpGet().withPath(check.path().get()).withPort(target).endHttpGet().build();
        }
        return probe.withNewTcpSocket().withPort(target).endTcpSocket().build();
    }

    private static int seconds(Duration d, int atLeast) {
        return (int) Math.max(atLeast, Math.min(Integer.MAX_VALUE, (d.toMillis() + 999) / 1000));
    }
}
