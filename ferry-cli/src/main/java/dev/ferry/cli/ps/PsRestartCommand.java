package dev.ferry.cli.ps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry ps:restart [TYPE|INSTANCE]}: restarts instances one at a time without dropping a request. */
@Command(name = "ps:restart", mixinStandardHelpOptions = true,
        description = {"Restart all of an app's processes, one process type (web) or one instance (web.1).",
                "One at a time: each replacement is healthy before its predecessor stops, so no request fails."})
public final class PsRestartCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE|INSTANCE", description = "What to restart; default: everything.")
    String target;

    public PsRestartCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        int n = api.typed(() -> api.processes().restart(name, target, ApiClient.DEPLOY_TIMEOUT)).restarted();
        out.println("Restarted " + (target == null ? "" : target + ", ") + n + (n == 1 ? " process" : " processes") + " of " + name);
    }
}
