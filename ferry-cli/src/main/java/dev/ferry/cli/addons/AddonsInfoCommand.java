package dev.ferry.cli.addons;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
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
        JsonNode addon = api.get("/api/addons/" + segment(name)).body();
        if (json) {
            printJson(out, addon);
        } else {
            AddonTable.details(out, addon);
        }
    }
}
