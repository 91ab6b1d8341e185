package dev.ferry.cli.access;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry access:remove EMAIL}: takes a collaborator's access to an app away. */
@Command(name = "access:remove", mixinStandardHelpOptions = true, description = "Take a collaborator's access to an app away.")
public final class AccessRemoveCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "EMAIL", description = "The collaborator's e-mail address.")
    String email;

    public AccessRemoveCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        api.typedVoid(() -> api.collaborators().remove(name, email));
        out.println("Removed " + email + " from " + name);
    }
}
