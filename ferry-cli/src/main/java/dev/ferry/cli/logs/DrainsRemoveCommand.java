package dev.ferry.cli.logs;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry drains:remove URL|TOKEN}: stops sending the app's logs to a drain. */
@Command(name = "drains:remove", mixinStandardHelpOptions = true, description = "Remove a log drain by its URL or token.")
public final class DrainsRemoveCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "URL|TOKEN", description = "The drain's URL or its token (d.…).")
    String drain;

    public DrainsRemoveCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        api.typedVoid(() -> api.drains().remove(name, drain));
        out.println("Successfully removed drain " + drain + " from " + name);
    }
}
