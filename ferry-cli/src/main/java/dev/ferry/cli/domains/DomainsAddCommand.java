package dev.ferry.cli.domains;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry domains:add HOST}: routes a custom host name to the app. */
@Command(name = "domains:add", mixinStandardHelpOptions = true,
        description = {"Add a custom domain; the router sends it to the app at once.",
                "Point its DNS at this Ferry. A domain belongs to one app only; IP addresses are refused.",
                "A wildcard (*.example.com) needs example.com on an app you own, or an admin."})
public final class DomainsAddCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "HOST", description = "The host name, e.g. www.example.com.")
    String host;

    @Option(names = "--force", description = "Admins only: take the domain from the route or app that holds it (recorded as an event).")
    boolean force;

    public DomainsAddCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        String added = api.typed(() -> api.domains().add(name, host, force)).hostname();
        out.println("Added " + added + " to " + name);
    }
}
