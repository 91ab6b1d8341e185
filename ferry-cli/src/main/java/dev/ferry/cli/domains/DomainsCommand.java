package dev.ferry.cli.domains;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.DomainInfo;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry domains [--json]}: an app's default host name and its custom domains. */
@Command(name = "domains", mixinStandardHelpOptions = true, description = "List an app's custom domains.")
public final class DomainsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"hostname\",\"app\",\"createdAt\"}].")
    boolean json;

    public DomainsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        List<DomainInfo> domains = api.typed(() -> api.domains().list(name));
        if (json) {
            out.println(ApiClient.write(domains));
            return;
        }
        out.println("=== " + name + " Default Domain");
        out.println(api.typed(() -> api.apps().info(name)).value().domains().getFirst());
        out.println();
        out.println("=== " + name + " Custom Domains");
        if (domains.isEmpty()) {
            out.println("none (add one with: ferry domains:add HOST -a " + name + ")");
        }
        domains.forEach(d -> out.println(d.hostname()));
    }
}
