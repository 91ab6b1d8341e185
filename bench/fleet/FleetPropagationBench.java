import dev.ferry.core.route.Endpoint;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.store.route.RedisRouteRegistry;
import dev.ferry.store.route.RedisServerProcess;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fleet's route propagation, from the outside: a redis-server ({@code appendonly yes}) and a PostgreSQL on
 * loopback, one {@code ferry control} on both, PRELOAD routes written into Redis through the registry (four
 * threads), then a separate {@code ferry router} started on that Redis, timed from its launch to its first 200 on a
 * preloaded route. Then, after 100 unrecorded warm-up changes, for each of ROUNDS changes: {@code POST /api/routes}
 * to the control node for a new domain, then requests through the router until the domain answers 200, then (to
 * split the API call's own cost from the registry write's) an authenticated {@code GET} of the same route.
 * Usage: java -cp CLASSPATH FleetPropagationBench.java FERRY_LAUNCHER WORKDIR PRELOAD ROUNDS
 */
public class FleetPropagationBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String ferry = args[0];
        Path work = Path.of(args[1]);
        int preload = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        int backendPort = backend.getAddress().getPort();
        Process control = null;
        Process router = null;
        try (RedisServerProcess redis = RedisServerProcess.start(work.resolve("redis"), true);
             PostgresServerProcess postgres = PostgresServerProcess.start();
             RedisRouteRegistry writer = RedisRouteRegistry.open(RedisRegistryConfig.of(redis.uri()))) {
            String key = newKey();
            int apiPort = freePort();
            control = launch(work.resolve("control.log"), List.of(ferry, "control", "--store",
                    postgres.url(postgres.newDatabase()), "--registry", redis.uri(), "--api-port", String.valueOf(apiPort),
                    "--ssh-port", "0", "--tunnel-port", "0", "--data-dir", work.resolve("control").toString()), key);
            awaitLog(work.resolve("control.log"), "Ferry is up.", control);
            String token = Files.readString(work.resolve("control").resolve("admin-token")).strip();

            long preloadStart = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            Thread[] loaders = new Thread[4];
            for (int t = 0; t < loaders.length; t++) {
                loaders[t] = Thread.ofPlatform().start(() -> {
                    for (int i = next.getAndIncrement(); i < preload; i = next.getAndIncrement()) {
                        writer.addEndpoint("bulk" + i + ".bench", Endpoint.of("127.0.0.1", backendPort), Optional.empty());
                    }
                });
            }
            for (Thread t : loaders) {
                t.join();
            }
            System.out.printf("preloaded_routes=%d preload_seconds=%.1f%n", preload, (System.nanoTime() - preloadStart) / 1e9);

            int routerPort = freePort();
            long launched = System.nanoTime();
            router = launch(work.resolve("router.log"), List.of(ferry, "router", "--registry", redis.uri(),
                    "--http-port", String.valueOf(routerPort), "--data-dir", work.resolve("router").toString()), key);
            String last = "bulk" + (preload - 1) + ".bench";
            while (status(routerPort, last) != 200) {
                if (!router.isAlive() || System.nanoTime() - launched > TimeUnit.SECONDS.toNanos(300)) {
                    throw new IllegalStateException("ferry router did not serve " + last + "; see " + work.resolve("router.log"));
                }
                Thread.sleep(2);
            }
            System.out.printf("router_start_to_first_200_ms=%.0f (routes in Redis: %d)%n",
                    (System.nanoTime() - launched) / 1e6, preload);

            String target = "http://127.0.0.1:" + backendPort;
            for (int i = 0; i < 100; i++) {
                change(apiPort, routerPort, token, "warmup" + i + ".bench", target);
            }
            long[] apiMicros = new long[rounds];
            long[] servedMicros = new long[rounds];
            long[] readMicros = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long[] r = change(apiPort, routerPort, token, "change" + i + ".bench", target);
                apiMicros[i] = r[0];
                servedMicros[i] = r[1];
                readMicros[i] = r[2];
            }
            System.out.printf("routes=%d rounds=%d api_call p50=%.2f p99=%.2f ms | sent_to_served p50=%.2f p99=%.2f max=%.2f ms"
                    + " | api_read p50=%.2f p99=%.2f ms%n",
                    preload, rounds, pct(apiMicros, 0.5), pct(apiMicros, 0.99), pct(servedMicros, 0.5),
                    pct(servedMicros, 0.99), pct(servedMicros, 1.0), pct(readMicros, 0.5), pct(readMicros, 0.99));
        } finally {
            for (Process p : new Process[] {router, control}) {
                if (p != null) {
                    p.destroy();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
            backend.stop(0);
        }
    }

    /** One change: the API call's time and the time from sending it to the router's first 200, in µs. */
    private static long[] change(int apiPort, int routerPort, String token, String domain, String target) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/routes"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"domain\":\"" + domain + "\",\"targetUrl\":\"" + target + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        if (posted.statusCode() != 201) {
            throw new IllegalStateException("POST /api/routes answered " + posted.statusCode() + ": " + posted.body());
        }
        while (status(routerPort, domain) != 200) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
                throw new IllegalStateException(domain + " was not served within 10 s");
            }
        }
        long served = System.nanoTime();
        long readStart = System.nanoTime();
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/routes/" + domain))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (read.statusCode() != 200) {
            throw new IllegalStateException("GET /api/routes/" + domain + " answered " + read.statusCode());
        }
        return new long[] {(answered - start) / 1000, (served - start) / 1000, (System.nanoTime() - readStart) / 1000};
    }

    private static int status(int port, String host) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).header("Host", host).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static Process launch(Path log, List<String> command, String key) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FERRY_SECRET_KEY", key);
        pb.environment().put("PGPASSWORD", PostgresServerProcess.PASSWORD);
        pb.environment().remove("FERRY_DATA_DIR");
        return pb.start();
    }

    private static void awaitLog(Path log, String line, Process process) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no \"" + line + "\" in " + log);
    }

    private static double pct(long[] micros, double p) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1000.0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
