package dev.ferry.server.up;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.router.RouterNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ferry router}: the data plane of a fleet alone ({@link RouterNode}), on the shared Redis registry
 * ({@code --registry}, required); runs in the foreground until Ctrl-C or SIGTERM, then stops accepting, lets
 * requests in flight finish and exits 0. Flags: {@link SharedOptions} and {@link RouterOptions}.
 */
@Command(name = "router", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run one router of a fleet: app traffic (HTTP and TCP routes) from the shared Redis registry, "
                + "with no store, API or runtime.",
                "It serves its last route table while Redis is down, and its snapshot (in <data-dir>/router-node/) "
                        + "when it starts before Redis answers. A second router on one machine needs its own --data-dir.",
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

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        FerryConfig config;
        try {
            config = ForegroundPlatform.resolve(spec);
            if (config.registry().isEmpty()) {
                throw new IllegalArgumentException("ferry router needs the fleet's route registry: --registry "
                        + "redis://HOST:PORT or env FERRY_REGISTRY");
            }
        } catch (IllegalArgumentException e) {
            err.println("ferry: " + e.getMessage());
            return 2;
        }
        RouterNode node;
        try {
            node = RouterNode.start(config, PlatformTuning.DEFAULT);
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
        out.printf("ferry router listening on http://%s:%d (%s), routes from %s, snapshot in %s%n",
                config.bindAddress(), node.httpPort(), node.transport().describe(), config.registry().get().uri(),
                node.directory());
        out.flush();
        stopped.await();
        return 0;
    }
}
