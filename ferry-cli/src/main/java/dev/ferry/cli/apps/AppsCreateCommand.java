package dev.ferry.cli.apps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.core.api.AppSummary;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry apps:create [NAME]}: creates an app, with a readable random name when none is given. */
@Command(name = "apps:create", mixinStandardHelpOptions = true,
        description = {"Create an app. Without NAME, Ferry picks a readable random one.",
                "Names: 3-30 lowercase letters, digits and dashes, starting with a letter."})
public final class AppsCreateCommand extends ApiCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The app's name.")
    String name;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    public AppsCreateCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        AppSummary app = api.typed(() -> api.apps().create(name));
        if (json) {
            out.println(ApiClient.write(app));
        } else {
            out.println("Created " + app.name() + " | " + app.webUrl());
        }
    }
}
