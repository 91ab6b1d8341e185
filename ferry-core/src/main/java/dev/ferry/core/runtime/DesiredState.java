package dev.ferry.core.runtime;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What should run for one app: the release (empty when the app has no code to run yet) at the formation. The
 * control plane writes it to the store first (a release, then its status; the formation) and hands it to
 * {@link AppRuntime#apply}, which converges the runtime to it.
 *
 * @param release the release to run, empty when nothing should run
 * @param formation how many instances of each process type (types the release does not declare run none)
 */
public record DesiredState(AppName app, Optional<Release> release, Formation formation) {

    /** The Procfile's {@code release} phase: run once per deploy, never as instances. */
    public static final String RELEASE_PHASE = "release";

    public DesiredState {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(formation, "formation");
        if (!formation.app().equals(app) || release.map(r -> !r.app().equals(app)).orElse(false)) {
            throw new IllegalArgumentException("the desired state of " + app + " names another app");
        }
    }

    /** {@code release} at {@code formation}. */
    public static DesiredState of(Release release, Formation formation) {
        return new DesiredState(release.app(), Optional.of(release), formation);
    }

    /** Nothing runs: an app without a release to run. */
    public static DesiredState nothing(AppName app) {
        return new DesiredState(app, Optional.empty(), new Formation(app, Map.of()));
    }

    /** The release's version, 0 when none should run. */
    public int version() {
        return release.map(Release::version).orElse(0);
    }

    /**
     * How many instances of each process type should run: the formation's quantity of each type the release
     * declares, the {@value #RELEASE_PHASE} phase excepted; in the release's order. Empty when nothing runs.
     */
    public Map<String, Integer> instanceCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        release.ifPresent(r -> r.processTypes().keySet().stream()
                .filter(type -> !type.equals(RELEASE_PHASE))
                .forEach(type -> counts.put(type, formation.quantity(type))));
        return counts;
    }
}
