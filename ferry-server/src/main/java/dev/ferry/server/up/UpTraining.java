package dev.ferry.server.up;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.server.Main;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run from which the {@code ./ferry} launcher makes the JVM's start-up cache of {@code ferry up}
 * (JDK 25's AOT cache, JDK 21's CDS archive; docs/benchmarks.md, "Start"). It starts the whole platform as
 * {@code up} does, on loopback ephemeral ports in a temporary data directory, sends the requests a new platform
 * first answers (the router's 404 page, a proxied request, the API's health, apps, config, releases, routes),
 * stops it and deletes the directory, so the classes a start needs come loaded and linked from the cache. It
 * prints nothing and exits 0, or 1 with the reason when the platform could not start.
 */
public final class UpTraining {

    private UpTraining() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        CommandLine help = Main.commandLine(CliEnvironment.system(), "up", "--help");
        help.setOut(new PrintWriter(Writer.nullWriter()));
        help.execute("up", "--help");

        Path dataDir = Files.createTempDirectory("ferry-up-training");
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        try {
            FerryConfig config = FerryConfig.builder().dataDir(dataDir).httpPort(FerryConfig.EPHEMERAL)
                    .apiPort(FerryConfig.EPHEMERAL).sshPort(FerryConfig.EPHEMERAL).tunnelPort(FerryConfig.EPHEMERAL)
                    .httpsPort(FerryConfig.OFF).build();
            try (Platform platform = Platform.start(config)) {
                AccessLogFile accessLog = AccessLogFile.attach(platform.dataDirectory().logs());
                Banner.print(new PrintWriter(Writer.nullWriter()), platform, accessLog.file(), Optional.empty());
                exercise(platform, "http://127.0.0.1:" + backend.getAddress().getPort());
                accessLog.close();
            }
        } finally {
            backend.stop(0);
            deleteQuietly(dataDir);
        }
        System.exit(0);
    }

    private static void exercise(Platform platform, String backendUrl) throws IOException {
        Client api = new Client("http://127.0.0.1:" + platform.apiPort(), platform.adminToken().token());
        Client router = new Client("http://127.0.0.1:" + platform.httpPort(), null);
        api.call("GET", "/api/health", null, null);
        api.call("POST", "/api/routes", "{\"domain\":\"training-route.localhost\",\"targetUrl\":\"" + backendUrl + "\"}", null);
        api.call("POST", "/api/apps", "{\"name\":\"training\"}", null);
        for (int i = 0; i < 20; i++) {
            router.call("GET", "/", null, "training-route.localhost");
            router.call("GET", "/", null, "nope.localhost");
            api.call("GET", "/api/apps", null, null);
            api.call("GET", "/api/apps/training", null, null);
            api.call("PATCH", "/api/apps/training/config", "{\"TRAINING\":\"" + i + "\"}", null);
            api.call("GET", "/api/apps/training/config", null, null);
            api.call("GET", "/api/apps/training/releases", null, null);
            api.call("GET", "/api/apps/training/ps", null, null);
            api.call("GET", "/api/routes", null, null);
        }
        api.call("DELETE", "/api/apps/training", null, null);
        api.call("DELETE", "/api/routes/training-route.localhost", null, null);
    }

    /** Plain requests that read and discard the answer, whatever its status. */
    private record Client(HttpClient http, String base, String token) {

        Client(String base, String token) {
            this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base, token);
        }

        void call(String method, String path, String json, String host) throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (host != null) {
                request.header("Host", host);
            }
            try {
                http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
