package dev.ferry.cli.routes;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.core.api.HealthCheckRequest;
import dev.ferry.core.api.RouteInfo;
import dev.ferry.core.api.RouteRequest;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry routes:add DOMAIN URL}: adds a target to a domain's pool (creating the route), optionally
 * setting its weight and the route's balancing, affinity, health check and request body limit.
 */
@Command(name = "routes:add", mixinStandardHelpOptions = true,
        description = "Add a target URL to a domain's pool, creating the route when it does not exist.",
        footer = {"", "Example: ferry routes:add app1.local http://127.0.0.1:9001 --weight 2"})
public final class RoutesAddCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain to route, e.g. app1.local or *.example.com.")
    String domain;

    @Parameters(index = "1", paramLabel = "URL", description = "The target, e.g. http://127.0.0.1:9001.")
    String url;

    @Option(names = "--force", description = "Add the target even when the domain is a host of an app (it joins the pool of the app's instances).")
    boolean force;

    @Option(names = "--weight", paramLabel = "N", description = "The target's share of traffic, 1-1000 (default 1).")
    Integer weight;

    @Option(names = "--balancing", paramLabel = "B", description = "How the pool is balanced: round_robin or least_outstanding.")
    String balancing;

    @Option(names = "--affinity", negatable = true,
            description = "Keep a client on the same target with a cookie (--no-affinity turns it off).")
    Boolean affinity;

    @Option(names = "--health-path", paramLabel = "P", description = "Actively check each target with GET P.")
    String healthPath;

    @Option(names = "--health-interval-ms", paramLabel = "MS", description = "Milliseconds between health checks (default 5000).")
    Integer healthIntervalMs;

    @Option(names = "--health-timeout-ms", paramLabel = "MS", description = "Milliseconds a health check may take (default 2000).")
    Integer healthTimeoutMs;

    @Option(names = "--health-rise", paramLabel = "N", description = "Successes in a row that put a target back (default 2).")
    Integer healthRise;

    @Option(names = "--health-fall", paramLabel = "N", description = "Failures in a row that take a target out (default 3).")
    Integer healthFall;

    @Option(names = "--no-health-check", description = "Remove the route's active health check.")
    boolean noHealthCheck;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES",
            description = "Largest request body the router forwards to this route (then 413); 0 removes the limit.")
    Long maxBodyBytes;

    @Option(names = "--protocol", paramLabel = "P",
            description = "How the router speaks to the targets: http1 (the default) or h2c (HTTP/2 without TLS, for gRPC apps).")
    String protocol;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;

    public RoutesAddCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Optional<HealthCheckRequest> health = null;
        if (noHealthCheck) {
            health = Optional.empty();
        } else if (healthPath != null || healthIntervalMs != null || healthTimeoutMs != null || healthRise != null || healthFall != null) {
            health = Optional.of(new HealthCheckRequest(healthPath, healthIntervalMs, healthTimeoutMs, healthRise, healthFall));
        }
        RouteRequest request = new RouteRequest(RoutePaths.checked(domain), url, weight, force ? Boolean.TRUE : null,
                balancing, affinity, health, maxBodyBytes, protocol);
        ApiClient api = ApiClient.connect(env);
        RouteInfo route = api.typed(() -> api.routes().add(request));
        int count = route.targets().size();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Added " + url + " to " + route.domain() + " (" + count + (count == 1 ? " target" : " targets")
                + ", " + route.balancing() + ")");
        out.flush();
        return 0;
    }
}
