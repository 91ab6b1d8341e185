package dev.ferry.server.up;

import picocli.CommandLine.Option;
import java.util.Optional;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.router.RouterNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ferry router}: the data plane of a fleet alone ({@link RouterNode}), on the shared Redis registry
 * ({@code --registry}), or on a replica of it that it only reads ({@code --registry-replica}, a region's own); runs in the foreground until Ctrl-C or SIGTERM, then stops accepting, lets
 * requests in flight finish and exits 0. Flags: {@link SharedOptions} and {@link RouterOptions}.
 */
@Command(name = "router", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run one router of a fleet: app traffic (HTTP and TCP routes) from the shared Redis registry, "
                + "with no store, API or runtime.",
                "It serves its last route table while Redis is down, and its snapshot (in <data-dir>/router-node/) "
                        + "when it starts before Redis answers. A second router on one machine needs its own --data-dir.",
                "Given the fleet's secret key, it serves HTTPS with the certificates control nodes publish in the registry.",
                "Runs in the foreground; Ctrl-C or SIGTERM stops it gracefully (requests in flight finish), exit code 0.",
                "Each option also reads an environment variable."})
public final class RouterCommand implements Callable<Integer>, EscapingPolicy {

    /** The router's own text (where it listens), written by Ferry itself: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions shared;

    @Mixin
    RouterOptions router;

    @Option(names = "--registry-replica", paramLabel = "URL", defaultValue = "${env:FERRY_REGISTRY_REPLICA}",
            description = "Read routes from this Redis replica of the fleet's registry, redis://HOST:PORT, e.g. the region's own; the router then writes nothing to the registry and --registry may be left out (env FERRY_REGISTRY_REPLICA; default: read --registry).")
    String registryReplica;

    @Option(names = "--secret-key-file", paramLabel = "PATH", description = "The fleet's secret key, the control nodes' own (--secret-key-file or FERRY_SECRET_KEY there): the router derives from it the key that opens the certificates control nodes publish in the registry, and serves HTTPS with them; it opens nothing else. Or give it as env FERRY_SECRET_KEY (env FERRY_SECRET_KEY_FILE; default none: no HTTPS).")
    Path secretKeyFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        FerryConfig config;
        Optional<RedisRegistryConfig> replica;
        try {
            FerryConfig resolved = ForegroundPlatform.resolve(spec);
            replica = replica(registryReplica);
            if (resolved.registry().isEmpty() && replica.isEmpty()) {
                throw new IllegalArgumentException("ferry router needs the fleet's route registry: --registry "
                        + "redis://HOST:PORT or env FERRY_REGISTRY (or a replica of it: --registry-replica)");
            }
            config = RouterHttps.decide(resolved, router.httpsPort != null
                    || !System.getenv().getOrDefault("FERRY_HTTPS_PORT", "").isBlank(), spec.commandLine().getOut());
        } catch (IllegalArgumentException e) {
            err.println("ferry: " + e.getMessage());
            return 2;
        }
        RouterNode node;
        try {
            node = RouterNode.start(config, replica, PlatformTuning.DEFAULT);
        } catch (Exception e) {
            // A port in use (Netty reports it as a checked BindException) or a data dir another router holds.
            err.println("ferry: cannot start the router: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                node.close();
            }
            stopped.countDown();
        };
        StopSignals.install(stop, System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "ferry-router-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("ferry router listening on http://%s:%d%s (%s), routes from %s, snapshot in %s%n",
                config.bindAddress(), node.httpPort(), node.httpsPort() > 0
                        ? " and https://" + config.bindAddress() + ":" + node.httpsPort() : "", node.transport().describe(),
                replica.map(r -> r.uri() + " (a replica, read only)").orElseGet(() -> config.registry().get().uri()),
                node.directory());
        out.flush();
        stopped.await();
        return 0;
    }

    private static Optional<RedisRegistryConfig> replica(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RedisRegistryConfig.of(url));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--registry-replica '" + url + "' is not a Redis address such as "
                    + "redis://HOST:PORT");
        }
    }
}
