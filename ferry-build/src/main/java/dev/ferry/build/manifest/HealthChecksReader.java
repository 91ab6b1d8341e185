package dev.ferry.build.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.manifest.AppHealthCheck;
import dev.ferry.core.manifest.AppManifestReader;
import dev.ferry.core.manifest.InvalidAppManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code healthchecks} of an {@code app.json} in Dokku's format
 * ({@code {"web": [{"type": "startup", "path": "/health", ...}]}}). Check types other than startup, readiness and
 * liveness, and {@code command} checks, are refused with a clear message.
 */
final class HealthChecksReader {

    private static final String FILE = AppManifestReader.FILE;

    private HealthChecksReader() {
    }

    static Map<String, List<AppHealthCheck>> read(JsonNode byType) {
        Map<String, List<AppHealthCheck>> result = new TreeMap<>();
        if (AppJsonReader.absent(byType)) {
            return result;
        }
        if (!byType.isObject()) {
            throw new InvalidAppManifest(FILE + " healthchecks must be an object of process type to checks");
        }
        for (Map.Entry<String, JsonNode> e : byType.properties()) {
            if (!e.getValue().isArray()) {
                throw new InvalidAppManifest(FILE + " healthchecks." + e.getKey() + " must be a list");
            }
            List<AppHealthCheck> checks = new ArrayList<>();
            for (JsonNode item : e.getValue()) {
                if (!item.isObject()) {
                    throw new InvalidAppManifest(FILE + " healthchecks." + e.getKey() + " holds a non-object");
                }
                checks.add(check(FILE + " healthchecks." + e.getKey(), item));
            }
            result.put(e.getKey(), List.copyOf(checks));
        }
        return result;
    }

    private static AppHealthCheck check(String where, JsonNode m) {
        if (m.has("command")) {
            throw new InvalidAppManifest(where + ": command checks are not supported; use path or port");
        }
        String typeName = m.has("type") ? m.get("type").asText() : "startup";
        AppHealthCheck.Type type;
        try {
            type = AppHealthCheck.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidAppManifest(where + ": type must be startup, readiness or liveness, got " + typeName);
        }
        Optional<String> path = text(m, "path");
        Optional<String> content = text(m, "content");
        Optional<Integer> port = m.has("port") ? Optional.of(Numbers.whole(where, "port", m.get("port")))
                : Optional.empty();
        try {
            return new AppHealthCheck(type, path, content, intOr(where, m, "attempts", 3),
                    seconds(where, m, "timeout", 5), seconds(where, m, "wait", 1),
                    seconds(where, m, "initialDelay", 0), seconds(where, m, "uptime", 0), port);
        } catch (InvalidAppManifest e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidAppManifest(where + ": " + e.getMessage());
        }
    }

    private static Optional<String> text(JsonNode m, String key) {
        return AppJsonReader.absent(m.path(key)) ? Optional.empty() : Optional.of(m.get(key).asText());
    }

    private static int intOr(String where, JsonNode m, String key, int fallback) {
        return m.has(key) ? Numbers.whole(where, key, m.get(key)) : fallback;
    }

    private static Duration seconds(String where, JsonNode m, String key, int fallback) {
        int s = intOr(where, m, key, fallback);
        if (s < 0 || s > 3600) {
            throw new InvalidAppManifest(where + ": " + key + " must be 0 to 3600 seconds, got " + s);
        }
        return Duration.ofSeconds(s);
    }
}
