package dev.ferry.runtime.local;

import dev.ferry.core.store.Release;
import dev.ferry.runtime.health.AppHealthCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A release unpacked once into {@code dir}, with the health checks its {@code app.json} declares per type. */
record PreparedRelease(Release release, Path dir, Map<String, List<AppHealthCheck>> healthChecks) {

    List<AppHealthCheck> checksOf(String type) {
        return healthChecks.getOrDefault(type, List.of());
    }

    int version() {
        return release.version();
    }
}
