package dev.ferry.cli.routes;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.core.api.TcpRouteInfo;
import dev.ferry.core.api.TcpRouteRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry routes:tcp:add PORT URL}: adds a target to a router port's pool, creating the TCP route. */
@Command(name = "routes:tcp:add", mixinStandardHelpOptions = true,
        description = "Relay a router port to a TCP target, adding it to the port's pool.",
        footer = {"", "Example: ferry routes:tcp:add 15432 tcp://127.0.0.1:5432"})
public final class TcpRoutesAddCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PORT", description = "The router's listening port, 1-65535.")
    int port;

    @Parameters(index = "1", paramLabel = "URL", description = "The target, e.g. tcp://127.0.0.1:5432.")
    String url;

    @Option(names = "--weight", paramLabel = "N", description = "The target's share of connections, 1-1000 (default 1).")
    Integer weight;

    @Option(names = "--balancing", paramLabel = "B", description = "How the pool is balanced: round_robin or least_outstanding.")
    String balancing;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;

    public TcpRoutesAddCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        TcpRouteRequest request = new TcpRouteRequest(port, url, weight, balancing);
        ApiClient api = ApiClient.connect(env);
        TcpRouteInfo route = api.typed(() -> api.routes().tcpAdd(request));
        int count = route.targets().size();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Added " + url + " to TCP port " + port + " (" + count + (count == 1 ? " target" : " targets")
                + ", " + route.balancing() + ")");
        out.flush();
        return 0;
    }
}
