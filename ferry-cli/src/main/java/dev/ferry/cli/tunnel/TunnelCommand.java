package dev.ferry.cli.tunnel;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiTarget;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.store.AppName;
import dev.ferry.tunnel.agent.AgentConfig;
import dev.ferry.tunnel.agent.AgentListener;
import dev.ferry.tunnel.agent.GatewayDirectory;
import dev.ferry.tunnel.agent.Inspector;
import dev.ferry.tunnel.agent.InspectorServer;
import dev.ferry.tunnel.agent.RequestRecord;
import dev.ferry.tunnel.agent.TunnelAgent;
import dev.ferry.tunnel.agent.TunnelRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry tunnel PORT [-a APP] [--takeover] [--inspect [PORT]]}: publishes {@code localhost:PORT} through the platform's
 * tunnel gateways, at {@code <app>--dev.<domain>} (and at the app's own names with {@code --takeover}), until
 * interrupted (Ctrl-C, or an interrupt of the running thread). Prints one line per request. Reconnects by itself; stops with exit code 1 only when the platform
 * refuses the token or the app.
 */
@Command(name = "tunnel", mixinStandardHelpOptions = true,
        description = {"Publish a port of this machine as the app, through an encrypted tunnel.",
                "Serves <app>--dev.<domain>; with --takeover also the app's own names while connected, which fall",
                "back to its hosted instances when the tunnel goes. Runs until interrupted; reconnects by itself."})
public final class TunnelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "PORT", description = "The local port to publish, e.g. 3000.")
    int port;

    @Option(names = "--takeover", description = "Serve the app's own names too while connected.")
    boolean takeover;

    @Option(names = "--local-host", paramLabel = "HOST", description = "Where the local app listens (default 127.0.0.1).")
    String localHost = "127.0.0.1";

    @Option(names = "--inspect", arity = "0..1", fallbackValue = "4040", paramLabel = "PORT",
            description = "Keep the last 100 requests, viewable and replayable at http://127.0.0.1:PORT (default 4040).")
    Integer inspectPort;

    private final CliEnvironment env;

    public TunnelCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 1 || port > 65535) {
            throw new CliFailure("the port must be 1-65535, not " + port);
        }
        ApiTarget target;
        try {
            target = ApiTarget.resolve(env);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage() + " (check FERRY_API_URL)");
        }
        String token = target.token().orElseThrow(() -> new CliFailure(
                "no API token for " + target.url() + ": set FERRY_API_TOKEN or run ferry login"));
        AppName name = AppName.of(app.name(env));
        ApiGatewayDirectory directory = new ApiGatewayDirectory(target.url(), token);
        GatewayDirectory.Directory first;
        try {
            first = directory.fetch(name);
        } catch (TunnelRefusedException e) {
            throw new CliFailure(e.getMessage());
        } catch (IOException e) {
            throw new CliFailure("cannot reach the Ferry API at " + target.url() + " (" + e.getMessage() + ")");
        }
        if (first.gateways().isEmpty()) {
            throw new CliFailure("the platform at " + target.url() + " runs no tunnel gateway (is --tunnel-port 0?)");
        }
        AgentConfig config = new AgentConfig(name, token, localHost, port, takeover, 2, Duration.ofMillis(500),
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5));
        out.println("Publishing " + localHost + ":" + port + " as " + name + " at " + first.previewHost()
                + (takeover ? " and the app's own names" : "") + " (Ctrl-C to stop)");
        out.flush();
        Inspector inspector = inspectPort == null ? null : new Inspector();
        InspectorServer inspectorServer = null;
        if (inspector != null) {
            try {
                inspectorServer = new InspectorServer(inspector, inspectPort, localHost, port);
            } catch (IOException e) {
                throw new CliFailure("cannot open the inspector on 127.0.0.1:" + inspectPort + " (" + e.getMessage() + ")");
            }
            out.println("Inspector at http://127.0.0.1:" + inspectorServer.port() + "/");
            out.flush();
        }
        TunnelAgent agent = new TunnelAgent(config, directory, new PrintingListener(out, err), inspector);
        Thread hook = new Thread(agent::close, "ferry-tunnel-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            agent.start().stopped().get();
        } catch (ExecutionException e) {
            throw new CliFailure(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            agent.close();
            if (inspectorServer != null) {
                inspectorServer.close();
            }
        }
        return 0;
    }

    /** One line per event and per request. */
    private record PrintingListener(PrintWriter out, PrintWriter err) implements AgentListener {
        @Override
        public void connected(GatewayDirectory.GatewayAddress gateway, List<String> hosts) {
            line(out, "connected to " + gateway + ", serving " + String.join(", ", hosts));
        }

        @Override
        public void disconnected(GatewayDirectory.GatewayAddress gateway, String reason) {
            line(err, reason);
        }

        @Override
        public void retrying(Duration delay, String reason) {
            line(err, reason + "; retrying in " + Math.max(0.1, Math.round(delay.toMillis() / 100.0) / 10.0) + " s");
        }

        @Override
        public void request(RequestRecord request) {
            line(out, request.line());
        }

        private static void line(PrintWriter w, String s) {
            synchronized (w) {
                w.println(s);
                w.flush();
            }
        }
    }
}
