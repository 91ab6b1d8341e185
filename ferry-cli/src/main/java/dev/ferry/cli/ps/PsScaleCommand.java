package dev.ferry.cli.ps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry ps:scale web=2 worker=1}: sets how many instances of each process type should run. */
@Command(name = "ps:scale", mixinStandardHelpOptions = true,
        description = {"Set how many instances of each process type should run, e.g. ps:scale web=2 worker=1.",
                "Types not named keep their quantity."})
public final class PsScaleCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "TYPE=N", description = "Process type and quantity (0-100).")
    List<String> pairs;

    @Option(names = "--json", description = "Print the formation after the change as JSON.")
    boolean json;

    public PsScaleCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        ObjectNode body = ApiClient.object();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliFailure("'" + pair + "' is not TYPE=N, as in web=2");
            }
            try {
                body.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
            } catch (NumberFormatException e) {
                throw new CliFailure("'" + pair.substring(eq + 1) + "' in " + pair + " is not a number");
            }
        }
        JsonNode formation = api.sendAwaitingDeploy("PATCH", appPath(name, "/formation"), body).body();
        if (json) {
            printJson(out, formation);
            return;
        }
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : formation.properties()) {
            all.add(e.getKey() + "=" + e.getValue().asInt());
        }
        out.println("Scaled " + name + " to " + String.join(" ", all));
    }
}
