package dev.ferry.core.manifest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One health check of a process type, as declared in {@code app.json} in Dokku's format ({@link AppManifest}).
 * A check with a {@code path} is an HTTP GET that must answer 2xx or 3xx (and contain {@code content} when given); one with
 * only {@code uptime} passes when the process has run that long; otherwise it is a "listening" check (the port
 * accepts a TCP connection).
 *
 * @param type {@code startup} and {@code readiness} gate the first traffic; {@code liveness} runs while up
 * @param path HTTP path; empty for a TCP or uptime check
 * @param content text the body must contain; empty for none
 * @param attempts how many tries before the check fails; Dokku's default 3
 * @param timeout per try; default 5 s
 * @param waitBetween between tries (and between liveness rounds); default 1 s here (Dokku's 5 s made boots slow)
 * @param initialDelay before the first try; default 0
 * @param uptime how long the process must have run before it passes; default 0
 * @param port the container port to check; empty for {@code $PORT}
 */
public record AppHealthCheck(Type type, Optional<String> path, Optional<String> content, int attempts,
                             Duration timeout, Duration waitBetween, Duration initialDelay, Duration uptime,
                             Optional<Integer> port) {

    /** When a check runs. */
    public enum Type { STARTUP, READINESS, LIVENESS }

    public AppHealthCheck {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (attempts < 1 || attempts > 1000) {
            throw new IllegalArgumentException("healthcheck attempts must be 1 to 1000, got " + attempts);
        }
        path.ifPresent(p -> {
            if (!p.startsWith("/") || p.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                throw new IllegalArgumentException("healthcheck path '" + p + "' must start with / and hold no spaces");
            }
        });
        port.ifPresent(p -> {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("healthcheck port " + p + " is outside 1-65535");
            }
        });
    }

    /** True for a check that gates traffic (startup or readiness). */
    public boolean gatesStart() {
        return type != Type.LIVENESS;
    }

    /** How the check reads in progress lines, e.g. {@code GET /health} or {@code port 5000 listening}. */
    public String describe() {
        if (path.isPresent()) {
            return "GET " + path.get() + content.map(c -> " containing \"" + c + "\"").orElse("");
        }
        if (!uptime.isZero()) {
            return "up for " + uptime.toMillis() / 1000.0 + " s";
        }
        return port.map(p -> "port " + p).orElse("$PORT") + " listening";
    }
}
