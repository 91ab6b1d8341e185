package dev.ferry.server.gateway;

import dev.ferry.api.client.ApiRefused;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry gateway}: one more tunnel gateway in its own process, next to {@code ferry up}, using the
 * platform through its control API ({@link SeparateGateway}); runs in the foreground until Ctrl-C or SIGTERM,
 * then deregisters and stops.
 */
@Command(name = "gateway", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run one more tunnel gateway next to `ferry up`, using the platform through its control API.",
                "Agents learn it from the API and keep a connection to it too. Runs in the foreground; Ctrl-C stops it."})
public final class GatewayCommand implements Callable<Integer>, EscapingPolicy {

    /** The platform's own text (the banner, where things are), written by Ferry itself: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--api-url", paramLabel = "URL", description = "The platform's control API (env FERRY_API_URL; default http://127.0.0.1:7070).")
    String apiUrl;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Where agents connect (default 127.0.0.2).")
    String bind = "127.0.0.2";

    @Option(names = "--port", paramLabel = "PORT", description = "The agents' TLS port (default 7000).")
    int port = 7000;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the gateway keeps its certificate (default ~/.ferry/gateway-<bind>-<port>).")
    Path dataDir;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding an admin token (default: env FERRY_API_TOKEN, else the local platform's admin-token in FERRY_DATA_DIR or ~/.ferry).")
    Path tokenFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SeparateGateway.Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            err.println("ferry: " + e.getMessage());
            return 2;
        }
        // The hook is in place before the gateway registers, so a SIGTERM right after registering deregisters it.
        AtomicReference<SeparateGateway> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SeparateGateway g = running.getAndSet(null);
            if (g != null) {
                g.close();
            }
            stopped.countDown();
        }, "ferry-gateway-shutdown"));
        SeparateGateway gateway;
        try {
            gateway = SeparateGateway.start(settings);
        } catch (ApiRefused e) {
            err.println("ferry: the control API at " + settings.apiUrl() + " refused the gateway's admin token: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException | IOException | IllegalStateException e) {
            err.println("ferry: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            // Netty reports a port in use as a checked BindException.
            err.println("ferry: cannot start the gateway on " + settings.bind() + ":" + settings.port() + ": " + e.getMessage());
            return 1;
        }
        running.set(gateway);
        PrintWriter out = spec.commandLine().getOut();
        out.println("ferry gateway " + gateway.id() + " listening on " + settings.bind() + ":" + gateway.port()
                + ", registered with " + settings.apiUrl());
        out.flush();
        stopped.await();
        return 0;
    }

    private SeparateGateway.Settings settings() {
        Path home = localDataDir();
        String url = apiUrl != null ? apiUrl : System.getenv().getOrDefault("FERRY_API_URL", "http://127.0.0.1:7070");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--api-url '" + url + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("--api-url must be http(s)://host:port, not '" + url + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is outside 0-65535");
        }
        if (bind.isBlank()) {
            throw new IllegalArgumentException("--bind needs an address, e.g. 127.0.0.2");
        }
        return new SeparateGateway.Settings(uri, token(home), bind, port,
                dataDir != null ? dataDir : home.resolve("gateway-" + bind + "-" + port));
    }

    /** The local platform's data dir, as {@code ferry up} resolves it: {@code FERRY_DATA_DIR}, else {@code ~/.ferry}. */
    private static Path localDataDir() {
        Path userHome = Path.of(System.getProperty("user.home"));
        String dir = System.getenv("FERRY_DATA_DIR");
        if (dir == null || dir.isBlank()) {
            return userHome.resolve(".ferry");
        }
        return dir.startsWith("~/") ? userHome.resolve(dir.substring(2)) : Path.of(dir);
    }

    private String token(Path home) {
        String env = System.getenv("FERRY_API_TOKEN");
        if (tokenFile == null && env != null && !env.isBlank()) {
            return env.strip();
        }
        Path file = tokenFile != null ? tokenFile : home.resolve("admin-token");
        try {
            String token = Files.readString(file).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("the token file " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read an admin token from " + file
                    + " (set FERRY_API_TOKEN or pass --token-file)");
        }
    }
}
