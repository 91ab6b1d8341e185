package dev.ferry.cli.apps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.MaintenanceState;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry maintenance}: whether the app is in maintenance mode ({@code on} or {@code off}). */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = "Show whether the app is in maintenance mode (on: the router answers its 503 maintenance page).")
public final class MaintenanceCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON answer: {\"app\",\"maintenance\"}.")
    boolean json;

    public MaintenanceCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        MaintenanceState state = api.typed(() -> api.apps().maintenance(name));
        out.println(json ? ApiClient.write(state) : Boolean.TRUE.equals(state.maintenance()) ? "on" : "off");
    }
}
