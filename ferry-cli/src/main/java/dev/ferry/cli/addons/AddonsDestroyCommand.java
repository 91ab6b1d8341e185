package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry addons:destroy NAME --confirm APP}: removes the add-on's config var from every app (each a new
 * release), drops its database and role (or ACL user and keys) and forgets it. As with Heroku's, the confirmation is
 * the name of the app that owns the add-on; the add-on's own name is taken too.
 */
@Command(name = "addons:destroy", mixinStandardHelpOptions = true,
        description = "Destroy an add-on and its data for good: its URL leaves every app in a new release, then its"
                + " database and role (or Redis user and keys) are dropped. Confirm with the owning app's name (or the add-on's).")
public final class AddonsDestroyCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The add-on, as ferry addons lists it.")
    String name;

    @Option(names = "--confirm", paramLabel = "APP", required = true,
            description = "The name of the app that owns the add-on (as on Heroku), or the add-on's name, to confirm.")
    String confirm;

    public AddonsDestroyCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        if (!name.equals(confirm)) {
            String owner = api.typed(() -> api.addons().info(name)).value().app();
            if (!owner.equals(confirm)) {
                throw new CliFailure("--confirm " + confirm + " matches neither the app that owns " + name + " (" + owner
                        + ") nor the add-on's name; nothing was destroyed");
            }
        }
        api.typedVoid(() -> api.addons().destroy(name, ApiClient.DEPLOY_TIMEOUT));
        out.println("Destroyed " + name + ": its database and credentials are gone, and its URL is removed from every app");
    }
}
