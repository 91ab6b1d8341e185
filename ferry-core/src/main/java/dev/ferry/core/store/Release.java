package dev.ferry.core.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Release vN of an app: the slug, the config vars and the process types that run together. Releases are
 * immutable except for their {@link ReleaseStatus}, which moves once from {@code PENDING}; a config change or
 * a rollback makes a new release (Heroku).
 *
 * @param version 1 for an app's first release, then one more for each release
 * @param description as in {@code Set A, B config vars}, {@code Deploy 1a2b3c4}, {@code Rollback to v3}
 * @param config the config vars of this release
 * @param slugId the build artifact this release runs; empty until the app's first deploy
 * @param processTypes process type to command, from the Procfile; ordered by type
 * @param createdBy the user who caused it
 */
public record Release(AppName app, int version, String description, ReleaseStatus status, ConfigVars config,
                      Optional<String> slugId, Map<String, String> processTypes, UserId createdBy,
                      Instant createdAt) {

    public Release {
        Objects.requireNonNull(app, "app");
        if (version < 1) {
            throw new IllegalArgumentException("release version must be 1 or more, got " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(slugId, "slugId");
        processTypes = copyProcessTypes(processTypes);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** {@code "v" + version}, as users see it. */
    public String label() {
        return "v" + version;
    }

    /** This release with another status. */
    public Release withStatus(ReleaseStatus newStatus) {
        return new Release(app, version, description, newStatus, config, slugId, processTypes, createdBy, createdAt);
    }

    /** Validates and copies a process type → command map, ordered by type. */
    public static Map<String, String> copyProcessTypes(Map<String, String> processTypes) {
        TreeMap<String, String> copy = new TreeMap<>();
        processTypes.forEach((type, command) -> {
            ProcessType.requireValid(type);
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("process type " + type + " has no command");
            }
            copy.put(type, command);
        });
        return Collections.unmodifiableSortedMap(copy);
    }
}
