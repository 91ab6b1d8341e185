package dev.ferry.kubernetes.runtime;

import dev.ferry.core.manifest.AppManifest;
import dev.ferry.core.store.Release;
import java.util.Objects;

/**
 * One release as the Kubernetes runtime runs it: the release, its {@code app.json} (health checks) and the stack
 * image its buildpack maps to, with the names of the objects that belong to it.
 */
record ReleasePlan(Release release, AppManifest manifest, String stackImage) {

    ReleasePlan {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(stackImage, "stackImage");
    }

    String app() {
        return release.app().value();
    }

    int version() {
        return release.version();
    }

    /** The Secret with {@code PORT} and the config vars. */
    String envSecretName() {
        return "release-v" + version();
    }

    /** The Secret with the slug token the init containers fetch the slug with. */
    String tokenSecretName() {
        return "slug-v" + version();
    }

    /** The Job of the release phase. */
    String jobName() {
        return "release-v" + version();
    }
}
