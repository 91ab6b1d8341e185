package dev.ferry.cli.apps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.core.api.DashboardLink;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code ferry dashboard}: prints a one-time link that signs this CLI's user in to the web dashboard at the API's
 * address; it works once, within five minutes, and the session it opens ends when this CLI's token is revoked.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Print a one-time link that signs you in to the web dashboard.",
                "The link works once, within five minutes; or sign in there with an API token."})
public final class DashboardCommand extends ApiCommand {

    public DashboardCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        DashboardLink link = api.typed(() -> api.dashboard().link());
        out.println("Open this link to sign in to the dashboard (it works once, until " + link.expiresAt() + "):");
        out.println(api.baseUrl().replaceAll("/+$", "") + link.path());
    }
}
