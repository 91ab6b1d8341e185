package dev.ferry.cli.builds;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry builds:output ID}: a build's kept output; for a build still running, until it ends. */
@Command(name = "builds:output", mixinStandardHelpOptions = true,
        description = "Print a build's output, as its pusher saw it; a running build's output streams until it ends.")
public final class BuildsOutputCommand extends ApiCommand implements EscapingPolicy {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "ID", description = "The build's id, as `ferry builds` shows it (e.g. b-17).")
    String id;

    public BuildsOutputCommand(CliEnvironment env) {
        super(env);
    }

    /** As for {@code ferry logs}: colours kept on a terminal, other controls escaped; as received when piped. */
    @Override
    public Escaping escaping() {
        return env.terminal() ? Escaping.KEEP_COLOUR : Escaping.NONE;
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        api.typedVoid(() -> api.builds().output(name, id.strip(), line -> {
            out.println(line);
            out.flush();
        }));
    }
}
