package dev.ferry.kubernetes.runtime;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Releases of the app {@code hello} for the runtime's tests. */
final class Releases {

    static final AppName HELLO = AppName.of("hello");

    private Releases() {
    }

    static Release of(int version, Map<String, String> processTypes, Map<String, String> config) {
        return new Release(HELLO, version, "Deploy v" + version, ReleaseStatus.PENDING, ConfigVars.of(config),
                Optional.of("ab".repeat(32)), processTypes, new UserId(1), Instant.parse("2026-12-05T00:00:00Z"));
    }
}
