package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AddonCredentialsRotated;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry pg:credentials:rotate [NAME] -a APP [--confirm APP]}: new credentials for the add-on, rolled out to every
 * attached app in a new release without a failed request, the old ones revoked once no old instance runs.
 */
@Command(name = "pg:credentials:rotate", mixinStandardHelpOptions = true,
        description = {"Give an app's PostgreSQL add-on new credentials: every attached app gets the new URL in a new"
                + " release (rolled out as usual, health-gated), then the old credentials are revoked and their"
                + " sessions ended, once no instance of an older release runs.",
                "When a deploy fails, the old credentials stay valid; run it again once deploys succeed."})
public final class PgCredentialsRotateCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The add-on, when the app has several.")
    String name;

    @Option(names = "--confirm", paramLabel = "APP", description = "The app's name again (optional; checked when given).")
    String confirm;

    public PgCredentialsRotateCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String appName = app.name(env);
        if (confirm != null && !confirm.equals(appName)) {
            throw new CliFailure("--confirm " + confirm + " does not match the app " + appName + "; nothing was changed");
        }
        String addon = PostgresAddon.named(api, appName, name);
        AddonCredentialsRotated rotated = api.typed(() -> api.addons().rotate(addon, ApiClient.DEPLOY_TIMEOUT));
        out.println("New credentials for " + addon + ": " + rotated.user());
        rotated.releases().forEach(line -> out.println("  " + line));
        if (rotated.revoked() != null) {
            out.println("Revoked the old credentials (" + rotated.revoked() + ") and ended their sessions");
        } else {
            throw new CliFailure("the old credentials of " + addon + " stay valid because an attached app still runs"
                    + " instances that use them; run ferry pg:credentials:rotate again once its deploys succeed");
        }
    }
}
