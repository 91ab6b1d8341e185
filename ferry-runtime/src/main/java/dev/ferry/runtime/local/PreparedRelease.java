package dev.ferry.runtime.local;

import dev.ferry.core.manifest.AppHealthCheck;
import dev.ferry.core.manifest.AppManifest;
import dev.ferry.core.store.Release;
import java.nio.file.Path;
import java.util.List;

/** A release unpacked once into {@code dir}, with what its {@code app.json} declares (health checks, scripts). */
record PreparedRelease(Release release, Path dir, AppManifest manifest) {

    List<AppHealthCheck> checksOf(String type) {
        return manifest.checksOf(type);
    }

    int version() {
        return release.version();
    }
}
