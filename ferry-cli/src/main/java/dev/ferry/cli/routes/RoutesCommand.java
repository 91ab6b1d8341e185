package dev.ferry.cli.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry routes [--json]}: lists every HTTP route as a table, or as the API's JSON array. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = "List the HTTP routes: each domain with its targets, balancing and affinity.")
public final class RoutesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the routes as the API's JSON array instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;

    public RoutesCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ArrayNode routes = ApiClient.connect(env).getAll("/api/routes");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ApiClient.write(routes));
        } else if (routes.isEmpty()) {
            out.println("No routes yet. Add one with: ferry routes:add DOMAIN URL");
        } else {
            TextTable table = new TextTable("DOMAIN", "TARGETS", "BALANCING", "AFFINITY");
            for (JsonNode route : routes) {
                table.row(route.path("domain").asText(), targets(route), route.path("balancing").asText(),
                        route.path("affinity").asBoolean() ? "on" : "off");
            }
            table.print(out, env.colour());
        }
        out.flush();
        return 0;
    }

    /** The targets of a route, comma-separated, each with its weight when it is not 1. */
    static String targets(JsonNode route) {
        List<String> all = new ArrayList<>();
        for (JsonNode t : route.path("targets")) {
            int weight = t.path("weight").asInt(1);
            all.add(t.path("url").asText() + (weight == 1 ? "" : " (weight " + weight + ")"));
        }
        return all.isEmpty() ? "(none)" : String.join(", ", all);
    }
}
