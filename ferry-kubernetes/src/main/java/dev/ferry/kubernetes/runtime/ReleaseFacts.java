package dev.ferry.kubernetes.runtime;

import dev.ferry.core.manifest.AppManifest;
import dev.ferry.core.store.Release;
import java.io.IOException;
import java.util.Optional;

/**
 * What the {@link KubernetesRuntime} needs to know of a release besides the record: its {@code app.json} (the health
 * checks that become readiness probes) and the buildpack that built its slug (which picks the stack image). The
 * platform reads them from its slug store and build records.
 */
public interface ReleaseFacts {

    /** The release's {@code app.json}, {@link AppManifest#NONE} when it has none. */
    AppManifest manifest(Release release) throws IOException;

    /** The name of the buildpack that built the release's slug, e.g. {@code Node.js}; empty when not known. */
    Optional<String> buildpack(Release release);

    /** Knows nothing: every release without health checks, on the default stack image. */
    ReleaseFacts NONE = new ReleaseFacts() {
        @Override
        public AppManifest manifest(Release release) {
            return AppManifest.NONE;
        }

        @Override
        public Optional<String> buildpack(Release release) {
            return Optional.empty();
        }
    };
}
