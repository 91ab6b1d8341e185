package dev.ferry.cli.apps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.core.api.AppSummary;
import java.io.PrintWriter;
import java.util.List;
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
        List<AppSummary> apps = api.typed(() -> api.apps().list());
        if (json) {
            out.println(ApiClient.write(apps));
        } else if (apps.isEmpty()) {
            out.println("You have no apps. Create one with: ferry apps:create [NAME]");
        } else {
            TextTable table = new TextTable("NAME", "OWNER", "WEB URL");
            for (AppSummary app : apps) {
                table.row(app.name(), app.owner(), app.webUrl());
            }
            table.print(out, env.colour());
        }
    }
}
