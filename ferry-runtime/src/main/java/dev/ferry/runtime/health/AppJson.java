package dev.ferry.runtime.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the {@code healthchecks} of an unpacked release's {@code app.json} (Dokku's format:
 * {@code {"healthchecks": {"web": [{"type": "startup", "path": "/health", ...}]}}}). Check types other than
 * startup, readiness and liveness, and {@code command} checks, are refused with a clear message.
 */
public final class AppJson {

    private AppJson() {
    }

    /**
     * The checks of each process type; empty when the release has no {@code app.json} or it declares none.
     *
     * @throws IllegalArgumentException when {@code app.json} is malformed, naming what is wrong
     */
    public static Map<String, List<AppHealthCheck>> healthChecks(Path releaseDir) throws IOException {
        Path file = releaseDir.resolve("app.json");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Object root;
        try {
            root = MiniJson.parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("app.json is not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top) || top.get("healthchecks") == null) {
            return Map.of();
        }
        if (!(top.get("healthchecks") instanceof Map<?, ?> byType)) {
            throw new IllegalArgumentException("app.json healthchecks must be an object of process type to checks");
        }
        Map<String, List<AppHealthCheck>> result = new TreeMap<>();
        for (Map.Entry<?, ?> e : byType.entrySet()) {
            if (!(e.getValue() instanceof List<?> list)) {
                throw new IllegalArgumentException("app.json healthchecks." + e.getKey() + " must be a list");
            }
            List<AppHealthCheck> checks = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("app.json healthchecks." + e.getKey() + " holds a non-object");
                }
                checks.add(check(String.valueOf(e.getKey()), m));
            }
            result.put(String.valueOf(e.getKey()), List.copyOf(checks));
        }
        return result;
    }

    private static AppHealthCheck check(String processType, Map<?, ?> m) {
        String where = "app.json healthchecks." + processType;
        if (m.containsKey("command")) {
            throw new IllegalArgumentException(where + ": command checks are not supported; use path or port");
        }
        String typeName = String.valueOf(m.containsKey("type") ? m.get("type") : "startup").toUpperCase(Locale.ROOT);
        AppHealthCheck.Type type;
        try {
            type = AppHealthCheck.Type.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": type must be startup, readiness or liveness, got "
                    + m.get("type"));
        }
        Optional<String> path = Optional.ofNullable(m.get("path")).map(String::valueOf);
        Optional<String> content = Optional.ofNullable(m.get("content")).map(String::valueOf);
        Optional<Integer> port = Optional.ofNullable(m.get("port")).map(p -> number(where, "port", p));
        try {
            return new AppHealthCheck(type, path, content, intOr(where, m, "attempts", 3),
                    seconds(where, m, "timeout", 5), seconds(where, m, "wait", 1),
                    seconds(where, m, "initialDelay", 0), seconds(where, m, "uptime", 0), port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static int intOr(String where, Map<?, ?> m, String key, int fallback) {
        return m.containsKey(key) ? number(where, key, m.get(key)) : fallback;
    }

    private static Duration seconds(String where, Map<?, ?> m, String key, int fallback) {
        int s = intOr(where, m, key, fallback);
        if (s < 0 || s > 3600) {
            throw new IllegalArgumentException(where + ": " + key + " must be 0 to 3600 seconds, got " + s);
        }
        return Duration.ofSeconds(s);
    }

    private static int number(String where, String key, Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
            return d.intValue();
        }
        if (value instanceof String s && s.matches("\\d{1,9}")) {
            return Integer.parseInt(s);
        }
        throw new IllegalArgumentException(where + ": " + key + " must be a whole number, got " + value);
    }
}
