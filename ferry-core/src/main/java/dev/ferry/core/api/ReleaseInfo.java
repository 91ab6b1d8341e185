package dev.ferry.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release as the API shows it: in {@code GET /api/apps/{app}/releases} (newest first), as the answer of a
 * rollback, and with its process types and config var names in {@code GET /api/apps/{app}/releases/{version}}.
 * Config values are never shown with releases, only by the config resource.
 *
 * @param version      1 for an app's first release, then one more each time
 * @param description  {@code Set A config vars}, {@code Deploy 1a2b3c4}, {@code Rollback to v3}
 * @param status       {@code pending}, {@code succeeded} or {@code failed}
 * @param createdBy    the e-mail address of who made it
 * @param createdAt    ISO-8601 UTC
 * @param slugId       the build artifact it runs; absent before the app's first deploy
 * @param failure      why its deploy failed, when it did and the reason is known
 * @param processTypes process type to command (detail only)
 * @param configVars   the names of its config vars (detail only)
 */
public record ReleaseInfo(int version, String description, String status, String createdBy, String createdAt,
                          String slugId, String failure, Map<String, String> processTypes, List<String> configVars) {

    public ReleaseInfo {
        processTypes = processTypes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(processTypes));
        configVars = configVars == null ? null : List.copyOf(configVars);
    }

    /** {@code "v" + version}, as users see it. */
    public String label() {
        return "v" + version;
    }

    /** This release with the details of {@code GET /api/apps/{app}/releases/{version}}. */
    public ReleaseInfo withDetails(Map<String, String> types, List<String> names) {
        return new ReleaseInfo(version, description, status, createdBy, createdAt, slugId, failure, types, names);
    }
}
