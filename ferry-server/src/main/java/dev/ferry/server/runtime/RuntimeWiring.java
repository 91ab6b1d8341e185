package dev.ferry.server.runtime;

import dev.ferry.core.build.SlugSource;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.store.AppName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Starts the runtime of the single-node platform: supervised local processes with their state under
 * {@code <data-dir>/runtime/}, killing what a previous run of the platform left behind.
 */
public final class RuntimeWiring {

    private RuntimeWiring() {
    }

    /**
     * What the runtime needs from the platform.
     *
     * @param bootTimeout how long a new instance may take to become healthy (60 s; tests shorten it)
     * @param drainTimeout how long a deregistered instance may finish its requests before SIGTERM (tests shorten it)
     */
    public record Inputs(Path dataDir, SlugSource slugs, RouteRegistry registry, Function<AppName, List<String>> hostsOfApp,
                         AppLogs logs, Duration bootTimeout, Duration drainTimeout) {
        public Inputs {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(slugs, "slugs");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(hostsOfApp, "hostsOfApp");
            Objects.requireNonNull(logs, "logs");
            Objects.requireNonNull(bootTimeout, "bootTimeout");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
        }
    }

    /**
     * A started runtime and one line saying how it isolates apps, for {@code ferry up}'s banner.
     *
     * @param sandboxed false when apps run without a sandbox (the banner warns)
     */
    public record Started(AppRuntime runtime, String isolation, boolean sandboxed) {
    }

    /** How the platform starts its runtime: {@link RuntimeWiring#start} unless a test passes another. */
    @FunctionalInterface
    public interface Starter {
        Optional<Started> start(Inputs inputs);
    }

    /** Starts the local runtime; empty when this build of Ferry has none. */
    public static Optional<Started> start(Inputs inputs) {
        return Optional.empty();
    }
}
