package dev.ferry.cli.routes;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.core.api.RouteInfo;
import dev.ferry.core.api.RouteTarget;
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
        ApiClient api = ApiClient.connect(env);
        Read<List<RouteInfo>> answer = api.typed(() -> api.routes().list());
        List<RouteInfo> routes = answer.value();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ApiClient.write(answer.json()));
        } else if (routes.isEmpty()) {
            out.println("No routes yet. Add one with: ferry routes:add DOMAIN URL");
        } else {
            TextTable table = new TextTable("DOMAIN", "TARGETS", "BALANCING", "AFFINITY");
            for (RouteInfo route : routes) {
                table.row(route.domain(), targets(route.targets()), route.balancing(), route.affinity() ? "on" : "off");
            }
            table.print(out, env.colour());
        }
        out.flush();
        return 0;
    }

    /** The targets of a route, comma-separated, each with its weight when it is not 1. */
    static String targets(List<RouteTarget> targets) {
        List<String> all = new ArrayList<>();
        for (RouteTarget t : targets) {
            all.add(t.url() + (t.weight() == 1 ? "" : " (weight " + t.weight() + ")"));
        }
        return all.isEmpty() ? "(none)" : String.join(", ", all);
    }
}
