package dev.ferry.core.build;

import dev.ferry.core.manifest.AppManifest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a successful build produced.
 *
 * @param slugId       the slug's content address: the SHA-256 of its archive, 64 hex digits
 * @param processTypes process type to command, in the Procfile's order (or the buildpack's default)
 * @param buildpack    the name of the buildpack that built it, e.g. {@code Procfile}, {@code Node.js}
 * @param manifest     the commit's {@code app.json} as read before the build; {@link AppManifest#NONE} without one
 */
public record BuildOutcome(String slugId, Map<String, String> processTypes, String buildpack, AppManifest manifest) {

    public BuildOutcome {
        if (slugId == null || !slugId.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 slug id: " + slugId);
        }
        processTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(processTypes, "processTypes")));
        Objects.requireNonNull(buildpack, "buildpack");
        Objects.requireNonNull(manifest, "manifest");
    }

    /** The outcome of a build of an app without {@code app.json}. */
    public BuildOutcome(String slugId, Map<String, String> processTypes, String buildpack) {
        this(slugId, processTypes, buildpack, AppManifest.NONE);
    }
}
