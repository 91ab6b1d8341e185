package dev.ferry.cli.apps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry maintenance:on}: Put the app in maintenance mode: the router answers its hosts with a 503 maintenance page; processes keep running. */
@Command(name = "maintenance:on", mixinStandardHelpOptions = true,
        description = "Put the app in maintenance mode: the router answers its hosts with a 503 maintenance page; processes keep running.")
public final class MaintenanceOnCommand extends ApiCommand {

    @Mixin
    AppOption app;

    public MaintenanceOnCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        MaintenanceSwitch.set(api, app.name(env), true, out);
    }
}
