package dev.ferry.cli.ps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry ps:stop TYPE|INSTANCE}: stops instances until the next restart, scale or deploy. */
@Command(name = "ps:stop", mixinStandardHelpOptions = true,
        description = {"Stop one process type (web) or one instance (web.1) of an app.",
                "It stays stopped until the next ps:restart, ps:scale or deploy; a web instance is taken out of the router first."})
public final class PsStopCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "TYPE|INSTANCE", description = "What to stop.")
    String target;

    public PsStopCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        int n = api.typed(() -> api.processes().stop(name, target, ApiClient.DEPLOY_TIMEOUT)).stopped();
        out.println("Stopped " + target + ", " + n + (n == 1 ? " process" : " processes") + " of " + name);
    }
}
