package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AddonAttachRequest;
import dev.ferry.core.api.AddonAttachmentInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry addons:attach NAME -a OTHER [--as ALIAS]}: shares an add-on with another app, as a new release of it. */
@Command(name = "addons:attach", mixinStandardHelpOptions = true,
        description = "Share an add-on with another app: sets its URL in a new release of that app.")
public final class AddonsAttachCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "NAME", description = "The add-on, as ferry addons lists it.")
    String name;

    @Option(names = "--as", paramLabel = "ALIAS", description = "Set ALIAS_URL instead of DATABASE_URL / REDIS_URL.")
    String alias;

    public AddonsAttachCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String appName = app.name(env);
        AddonAttachRequest request = new AddonAttachRequest(appName, alias);
        AddonAttachmentInfo attached = api.typed(() -> api.addons().attach(name, request, ApiClient.DEPLOY_TIMEOUT));
        out.println("Attached " + name + " to " + appName + " as " + attached.configVar()
                + " in a new release");
    }
}
