package dev.ferry.cli.apps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry maintenance:off}: Take the app out of maintenance mode: the router serves it again. */
@Command(name = "maintenance:off", mixinStandardHelpOptions = true,
        description = "Take the app out of maintenance mode: the router serves it again.")
public final class MaintenanceOffCommand extends ApiCommand {

    @Mixin
    AppOption app;

    public MaintenanceOffCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        MaintenanceSwitch.set(api, app.name(env), false, out);
    }
}
