package dev.ferry.cli.access;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry access:add EMAIL}: gives an existing user access to an app. */
@Command(name = "access:add", mixinStandardHelpOptions = true,
        description = {"Give a user access to an app (the app's owner or an admin may).",
                "The user must exist: an admin adds users with users:add."})
public final class AccessAddCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "EMAIL", description = "The user's e-mail address.")
    String email;

    public AccessAddCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        String added = api.typed(() -> api.collaborators().add(name, email)).email();
        out.println("Gave " + added + " access to " + name);
    }
}
