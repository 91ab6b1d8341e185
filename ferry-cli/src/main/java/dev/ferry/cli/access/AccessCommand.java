package dev.ferry.cli.access;

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

/** {@code ferry access [--json]}: who may use an app, the owner first. */
@Command(name = "access", mixinStandardHelpOptions = true, description = "List who has access to an app: its owner and collaborators.")
public final class AccessCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"email\",\"role\",\"since\"}].")
    boolean json;

    public AccessCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        JsonNode people = api.get(appPath(app.name(env), "/collaborators")).body();
        if (json) {
            printJson(out, people);
            return;
        }
        TextTable table = new TextTable("EMAIL", "ROLE", "SINCE");
        people.forEach(p -> table.row(p.path("email").asText(), p.path("role").asText(), Times.of(env.terminal()).format(p.path("since").asText())));
        table.print(out, env.colour());
    }
}
