package dev.ferry.server.runtime;

import dev.ferry.build.manifest.AppJsonReader;
import dev.ferry.control.MountedServlet;
import dev.ferry.core.build.BuildSandbox;
import dev.ferry.core.build.SlugSource;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.store.AppName;
import dev.ferry.runtime.local.LocalRuntime;
import dev.ferry.runtime.local.LocalRuntimeConfig;
import dev.ferry.runtime.sandbox.NetworkMode;
import dev.ferry.runtime.sandbox.SandboxMode;
import dev.ferry.server.config.SandboxLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Starts the runtime of the single-node platform: {@link LocalRuntime}, supervised local processes (sandboxed with
 * bubblewrap when it works here, each in its own network namespace when pasta works here) with their state under
 * {@code <data-dir>/runtime/}, killing what a previous run of the platform left behind. {@code --runtime kubernetes}
 * starts the Kubernetes runtime instead ({@link dev.ferry.server.kubernetes.KubernetesWiring}).
 */
public final class RuntimeWiring {

    private RuntimeWiring() {
    }

    /**
     * What the runtime needs from the platform.
     *
     * @param bootTimeout how long a new instance may take to become healthy (60 s; tests shorten it)
     * @param drainTimeout how long a deregistered instance may finish its requests before SIGTERM (30 s; tests
     *     shorten it, and the wait for the route change to reach the router with it)
     * @param stopGrace the time between SIGTERM and SIGKILL (30 s; tests shorten it)
     * @param routerPorts the router's published ports on the host's loopback, which instances in their own network
     *     namespace still reach at the same port on theirs
     * @param network how instances' networks are isolated ({@link NetworkMode#AUTO} by default)
     * @param limits the pids, {@code /tmp} and {@code /app} limits of instances and the memory and pids of builds
     */
    public record Inputs(Path dataDir, SlugSource slugs, RouteRegistry registry, Function<AppName, List<String>> hostsOfApp,
                         AppLogs logs, Duration bootTimeout, Duration drainTimeout, Duration stopGrace,
                         List<Integer> routerPorts, NetworkMode network, SandboxLimits limits) {
        public Inputs {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(slugs, "slugs");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(hostsOfApp, "hostsOfApp");
            Objects.requireNonNull(logs, "logs");
            Objects.requireNonNull(bootTimeout, "bootTimeout");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
            Objects.requireNonNull(stopGrace, "stopGrace");
            routerPorts = List.copyOf(routerPorts);
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(limits, "limits");
        }
    }

    /**
     * A started runtime and one line saying how it isolates apps, for {@code ferry up}'s banner.
     *
     * @param sandboxed false when apps run without a sandbox (the banner warns)
     * @param builds where builds run their commands: the runtime's sandbox, or unsandboxed where it has none
     * @param servlets what the runtime serves next to the API (the Kubernetes runtime's slug download); none locally
     */
    public record Started(AppRuntime runtime, String isolation, boolean sandboxed, BuildSandbox builds,
                          List<MountedServlet> servlets) {
        public Started {
            servlets = List.copyOf(servlets);
        }

        public Started(AppRuntime runtime, String isolation, boolean sandboxed, BuildSandbox builds) {
            this(runtime, isolation, sandboxed, builds, List.of());
        }

        /** {@code first}, then the runtime's servlets. */
        public List<MountedServlet> servletsAfter(MountedServlet first) {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), servlets.stream()).toList();
        }
    }

    /**
     * Starts the {@link LocalRuntime} with bubblewrap when it works here ({@link SandboxMode#AUTO}); it kills what
     * a previous run left behind before it returns.
     */
    public static Optional<Started> start(Inputs inputs) {
        LocalRuntimeConfig.Builder config = LocalRuntimeConfig.builder(inputs.dataDir())
                .bootTimeout(inputs.bootTimeout())
                .drainTimeout(inputs.drainTimeout())
                .stopGrace(inputs.stopGrace())
                .routerPorts(inputs.routerPorts())
                .networkMode(inputs.network())
                .pidsLimit(inputs.limits().pids())
                .pidsLimitByType(inputs.limits().pidsByType())
                .tmpSizeBytes(inputs.limits().tmpBytes())
                .appDiskLimitBytes(inputs.limits().appDiskBytes())
                .buildMemoryLimitBytes(inputs.limits().buildMemoryBytes())
                .buildPidsLimit(inputs.limits().buildPids());
        if (inputs.drainTimeout().compareTo(DEFAULT_DRAIN_GRACE) < 0) {
            config.drainGrace(inputs.drainTimeout());
        }
        LocalRuntime runtime = new LocalRuntime(config.build(), inputs.slugs(), inputs.registry(), inputs.hostsOfApp(),
                inputs.logs(), new AppJsonReader());
        return Optional.of(new Started(runtime, runtime.sandboxStatus(), runtime.isSandboxed(), runtime.buildSandbox()));
    }

    private static final Duration DEFAULT_DRAIN_GRACE = Duration.ofSeconds(2);
}
