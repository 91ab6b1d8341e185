package dev.ferry.cli.routes;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.core.api.TcpRouteInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry routes:tcp [--json]}: lists every TCP route as a table, or as the API's JSON array. */
@Command(name = "routes:tcp", mixinStandardHelpOptions = true,
        description = "List the TCP routes: each router port with its targets and balancing.")
public final class TcpRoutesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the TCP routes as the API's JSON array instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;

    public TcpRoutesCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ApiClient api = ApiClient.connect(env);
        Read<List<TcpRouteInfo>> answer = api.typed(() -> api.routes().tcpList());
        List<TcpRouteInfo> routes = answer.value();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ApiClient.write(answer.json()));
        } else if (routes.isEmpty()) {
            out.println("No TCP routes yet. Add one with: ferry routes:tcp:add PORT tcp://HOST:PORT");
        } else {
            TextTable table = new TextTable("PORT", "TARGETS", "BALANCING");
            for (TcpRouteInfo route : routes) {
                table.row(String.valueOf(route.port()), RoutesCommand.targets(route.targets()), route.balancing());
            }
            table.print(out, env.colour());
        }
        out.flush();
        return 0;
    }
}
