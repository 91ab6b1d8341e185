package dev.ferry.cli.domains;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry domains:remove HOST}: removes a custom domain and its route. */
@Command(name = "domains:remove", mixinStandardHelpOptions = true, description = "Remove a custom domain from an app.")
public final class DomainsRemoveCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "HOST", description = "The host name to remove.")
    String host;

    public DomainsRemoveCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        api.typedVoid(() -> api.domains().remove(name, host));
        out.println("Removed " + host + " from " + name);
    }
}
