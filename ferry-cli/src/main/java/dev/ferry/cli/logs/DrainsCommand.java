package dev.ferry.cli.logs;

import dev.ferry.cli.output.Times;

import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode drains = api.get(appPath(name, "/drains")).body();
        if (json) {
            printJson(out, drains);
            return;
        }
        if (drains.isEmpty()) {
            out.println(name + " has no drains (add one with: ferry drains:add URL -a " + name + ")");
            return;
        }
        TextTable table = new TextTable("URL", "TOKEN", "CREATED");
        drains.forEach(d -> table.row(d.path("url").asText(), d.path("token").asText(), Times.of(env.terminal()).format(d.path("createdAt").asText())));
        table.print(out, env.colour());
    }
}
