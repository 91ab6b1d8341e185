package dev.ferry.cli.apps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry apps:destroy NAME --confirm NAME} (or {@code -a NAME}): destroys an app with its config, releases, domains and routes. */
@Command(name = "apps:destroy", mixinStandardHelpOptions = true,
        description = {"Destroy an app for good: its config vars, releases, domains and routes go with it.",
                "Repeat the name with --confirm."})
public final class AppsDestroyCommand extends ApiCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The app to destroy (or -a NAME).")
    String positional;

    @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app to destroy (instead of NAME).")
    String option;

    @Option(names = "--confirm", paramLabel = "NAME", required = true, description = "The app's name again, to confirm.")
    String confirm;

    public AppsDestroyCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = AppOption.either(positional, option);
        if (!name.equals(confirm)) {
            throw new CliFailure("--confirm " + confirm + " does not match the app " + name + "; nothing was destroyed");
        }
        api.typedVoid(() -> api.apps().destroy(name));
        out.println("Destroyed " + name);
    }
}
