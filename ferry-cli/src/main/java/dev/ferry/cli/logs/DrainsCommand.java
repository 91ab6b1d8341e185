package dev.ferry.cli.logs;

import dev.ferry.cli.output.Times;

import dev.ferry.core.api.DrainInfo;
import java.util.List;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry drains [--json]}: the app's log drains with their tokens. */
@Command(name = "drains", mixinStandardHelpOptions = true, description = "List an app's log drains.")
public final class DrainsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"id\",\"url\",\"token\",\"createdAt\"}].")
    boolean json;

    public DrainsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        List<DrainInfo> drains = api.typed(() -> api.drains().list(name));
        if (json) {
            out.println(ApiClient.write(drains));
            return;
        }
        if (drains.isEmpty()) {
            out.println(name + " has no drains (add one with: ferry drains:add URL -a " + name + ")");
            return;
        }
        TextTable table = new TextTable("URL", "TOKEN", "CREATED");
        drains.forEach(d -> table.row(d.url(), d.token(), Times.of(env.terminal()).format(d.createdAt())));
        table.print(out, env.colour());
    }
}
