package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AddonAttachmentInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry addons:detach NAME -a APP}: removes a shared add-on's config var from an app, as a new release. */
@Command(name = "addons:detach", mixinStandardHelpOptions = true,
        description = "Stop sharing an add-on with an app: removes its URL in a new release. Its owner destroys it instead.")
public final class AddonsDetachCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "NAME", description = "The add-on, as ferry addons lists it.")
    String name;

    public AddonsDetachCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String appName = app.name(env);
        AddonAttachmentInfo detached = api.typed(() -> api.addons().detach(name, appName, ApiClient.DEPLOY_TIMEOUT));
        out.println("Detached " + name + " from " + appName + "; " + detached.configVar()
                + " is removed in a new release");
    }
}
