package dev.ferry.server.up;

import dev.ferry.server.Platform;
import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ferry up}: runs every role (router, control API, git, builds, runtime) in one process in the foreground
 * until interrupted (Ctrl-C or SIGTERM), then stops it gracefully ({@link StopSignals}) and exits 0; its flags are
 * {@link SharedOptions}, {@link RouterOptions} and {@link ControlOptions}. Embedded store and registry unless
 * {@code --store postgres://…} and {@code --registry redis://…} name shared ones.
 */
@Command(name = "up", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run Ferry on this machine: router, control API and route registry in one process.",
                "With --store postgres://… and --registry redis://… it runs every role on the backends a fleet shares.",
                "Runs in the foreground; Ctrl-C or SIGTERM stops it gracefully (requests in flight finish, then the apps stop), exit code 0.",
                "Each option also reads an environment variable."})
public final class UpCommand implements Callable<Integer>, EscapingPolicy {

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
    RouterOptions router;

    @Mixin
    ControlOptions control;

    @Override
    public Integer call() throws Exception {
        return ForegroundPlatform.run(spec, Platform::start);
    }
}
