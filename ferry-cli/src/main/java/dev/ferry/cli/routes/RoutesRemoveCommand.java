package dev.ferry.cli.routes;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry routes:remove DOMAIN [URL]}: removes a whole route, or one target of its pool. */
@Command(name = "routes:remove", mixinStandardHelpOptions = true,
        description = "Remove a route with its whole pool, or only the target URL when one is given.")
public final class RoutesRemoveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "The route's domain.")
    String domain;

    @Parameters(index = "1", arity = "0..1", paramLabel = "URL", description = "Remove only this target, e.g. http://127.0.0.1:9001.")
    String url;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;

    public RoutesRemoveCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ApiClient api = ApiClient.connect(env);
        PrintWriter out = spec.commandLine().getOut();
        String name = RoutePaths.checked(domain);
        if (url == null) {
            api.typedVoid(() -> api.routes().remove(name));
            out.println("Removed route " + name);
        } else {
            int left = api.typed(() -> api.routes().removeTarget(name, url)).targets().size();
            out.println("Removed " + url + " from " + name + " (" + left + (left == 1 ? " target" : " targets") + " left)");
        }
        out.flush();
        return 0;
    }
}
