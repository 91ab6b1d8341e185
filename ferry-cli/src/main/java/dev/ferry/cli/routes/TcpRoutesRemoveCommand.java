package dev.ferry.cli.routes;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry routes:tcp:remove PORT [URL]}: removes a whole TCP route, or one target of its pool. */
@Command(name = "routes:tcp:remove", mixinStandardHelpOptions = true,
        description = "Remove a TCP route with its whole pool, or only the target URL when one is given.")
public final class TcpRoutesRemoveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PORT", description = "The router's listening port.")
    int port;

    @Parameters(index = "1", arity = "0..1", paramLabel = "URL", description = "Remove only this target, e.g. tcp://127.0.0.1:5432.")
    String url;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;

    public TcpRoutesRemoveCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ApiClient api = ApiClient.connect(env);
        PrintWriter out = spec.commandLine().getOut();
        if (url == null) {
            api.typedVoid(() -> api.routes().tcpRemove(port));
            out.println("Removed TCP route " + port);
        } else {
            int left = api.typed(() -> api.routes().tcpRemoveTarget(port, url)).targets().size();
            out.println("Removed " + url + " from TCP port " + port + " (" + left + (left == 1 ? " target" : " targets") + " left)");
        }
        out.flush();
        return 0;
    }
}
