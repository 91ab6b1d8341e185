package dev.ferry.cli.addons;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AddonCreateRequest;
import dev.ferry.core.api.AddonInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry addons:create postgres|redis [--name NAME] [--as ALIAS] [--plan PLAN]}: provisions an add-on for the
 * app and sets {@code DATABASE_URL}/{@code REDIS_URL} (or {@code <ALIAS>_URL}) in a new release; waits for it to roll
 * out.
 */
@Command(name = "addons:create", mixinStandardHelpOptions = true,
        description = "Create a PostgreSQL database or a Redis for an app: sets DATABASE_URL or REDIS_URL (or"
                + " ALIAS_URL with --as) in a new release.")
public final class AddonsCreateCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "postgres or redis.")
    String service;

    @Option(names = "--name", paramLabel = "NAME", description = "The add-on's name; default: generated, e.g. postgres-amber-4821.")
    String name;

    @Option(names = "--as", paramLabel = "ALIAS", description = "Set ALIAS_URL instead of DATABASE_URL / REDIS_URL.")
    String alias;

    @Option(names = "--plan", paramLabel = "PLAN", description = "The plan; only 'default' for now.")
    String plan;

    @Option(names = "--json", description = "Print the API's JSON of the new add-on.")
    boolean json;

    public AddonsCreateCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String appName = app.name(env);
        AddonCreateRequest request = new AddonCreateRequest(service, name, plan, alias);
        Read<AddonInfo> answer = api.typed(() -> api.addons().create(appName, request, ApiClient.DEPLOY_TIMEOUT));
        if (json) {
            printJson(out, answer.json());
            return;
        }
        AddonInfo created = answer.value();
        String var = created.attachments().isEmpty() ? "" : created.attachments().getFirst().configVar();
        out.println("Created " + created.name() + " (" + created.service() + ") for " + appName + "; " + var
                + " is set in a new release");
        if (created.keyPrefix() != null) {
            out.println("Keys and channels must start with " + created.keyPrefix());
        }
    }
}
