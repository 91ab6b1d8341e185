package dev.ferry.cli.addons;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.core.api.AddonInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry addons:info NAME [--json]}: one add-on, its server and attachments (never its credentials). */
@Command(name = "addons:info", mixinStandardHelpOptions = true, description = "Show an add-on and the apps it is attached to.")
public final class AddonsInfoCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The add-on, as ferry addons lists it.")
    String name;

    @Option(names = "--json", description = "Print the API's JSON of the add-on.")
    boolean json;

    public AddonsInfoCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        Read<AddonInfo> addon = api.typed(() -> api.addons().info(name));
        if (json) {
            printJson(out, addon.json());
        } else {
            AddonTable.details(out, addon.value());
        }
    }
}
