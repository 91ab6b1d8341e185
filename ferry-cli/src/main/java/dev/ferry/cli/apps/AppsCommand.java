package dev.ferry.cli.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry apps [--json]}: the caller's apps (an admin sees every app). */
@Command(name = "apps", mixinStandardHelpOptions = true,
        description = "List your apps: those you own or collaborate on (an admin sees all).")
public final class AppsCommand extends ApiCommand {

    @Option(names = "--json", description = "Print the API's JSON array: [{\"name\",\"owner\",\"webUrl\",\"createdAt\"}].")
    boolean json;

    public AppsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        ArrayNode apps = api.getAll("/api/apps");
        if (json) {
            printJson(out, apps);
        } else if (apps.isEmpty()) {
            out.println("You have no apps. Create one with: ferry apps:create [NAME]");
        } else {
            TextTable table = new TextTable("NAME", "OWNER", "WEB URL");
            for (JsonNode app : apps) {
                table.row(app.path("name").asText(), app.path("owner").asText(), app.path("webUrl").asText());
            }
            table.print(out, env.colour());
        }
    }
}
