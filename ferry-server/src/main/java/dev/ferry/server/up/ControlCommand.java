package dev.ferry.server.up;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.server.Platform;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ferry control}: the control role of a fleet in the foreground ({@link Platform#startControl}): API, git
 * over HTTP and SSH, builds, reconciler, the local runtime and the tunnel gateway, on the shared route registry
 * ({@code --registry}, required: without it no router would learn the routes) and the store ({@code --store
 * postgres://…} for several nodes; SQLite in the data dir when one control node is enough). No router: the
 * fleet's {@code ferry router} processes serve the apps. Flags: {@link SharedOptions} and {@link ControlOptions}.
 */
@Command(name = "control", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run the control plane of a fleet: API, git, builds, reconciler and the local runtime, without a router.",
                "Routes go to the shared Redis registry (--registry, required), where every `ferry router` reads them; "
                        + "apps, config and releases to --store postgres://… (several control nodes) or SQLite in the data dir.",
                "Runs in the foreground; Ctrl-C or SIGTERM stops it gracefully (the apps stop), exit code 0.",
                "Each option also reads an environment variable."})
public final class ControlCommand implements Callable<Integer>, EscapingPolicy {

    /** The platform's own text (the banner, where things are), written by Ferry itself: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions shared;

    @Mixin
    ControlOptions control;

    @Override
    public Integer call() throws Exception {
        return ForegroundPlatform.run(spec, config -> {
            if (config.registry().isEmpty()) {
                throw new IllegalArgumentException("ferry control needs the fleet's route registry: --registry "
                        + "redis://HOST:PORT or env FERRY_REGISTRY (for one machine without a fleet, use ferry up)");
            }
        }, Platform::startControl);
    }
}
