import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Route-change propagation: how long from sending a route change to the control API until the router
 * serves it, after 200 unrecorded warm-up changes. Because the registry hands each change to the router
 * before the API answers, "requests_that_saw_no_route" is expected to be 0. Usage: java -Djdk.httpclient.allowRestrictedHeaders=host RouteChangeBench.java API_PORT ROUTER_PORT TOKEN PRELOAD ROUNDS
 */
public class RouteChangeBench {

    public static void main(String[] args) throws Exception {
        int apiPort = Integer.parseInt(args[0]);
        int routerPort = Integer.parseInt(args[1]);
        String token = args[2];
        int preload = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);

        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        backend.createContext("/", ex -> {
            byte[] body = "ok".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        ExecutorService backendThreads = Executors.newFixedThreadPool(4);
        backend.setExecutor(backendThreads);
        backend.start();
        String target = "http://127.0.0.1:" + backend.getAddress().getPort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        long preloadStart = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        Thread[] loaders = new Thread[4];
        for (int t = 0; t < loaders.length; t++) {
            loaders[t] = Thread.ofPlatform().start(() -> {
                for (int i = next.getAndIncrement(); i < preload; i = next.getAndIncrement()) {
                    post(http, apiPort, token, "bulk" + i + ".bench", target);
                }
            });
        }
        for (Thread t : loaders) {
            t.join();
        }
        double preloadSeconds = (System.nanoTime() - preloadStart) / 1e9;

        // Warm-up: the same work, unrecorded, so the figures describe a running router rather than the JIT.
        for (int i = 0; i < Math.min(200, rounds); i++) {
            String domain = "warmup" + i + ".bench";
            post(http, apiPort, token, domain, target);
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + routerPort + "/")).header("Host", domain).build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        long[] apiMicros = new long[rounds];
        long[] servedMicros = new long[rounds];
        long[] ackToServedMicros = new long[rounds];
        int extraPolls = 0;
        for (int i = 0; i < rounds; i++) {
            String domain = "change" + i + ".bench";
            long t0 = System.nanoTime();
            post(http, apiPort, token, domain, target);
            long t1 = System.nanoTime();
            while (true) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + routerPort + "/"))
                        .header("Host", domain).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
                extraPolls++;
                if (System.nanoTime() - t0 > 5_000_000_000L) {
                    throw new IllegalStateException(domain + " not served within 5 s");
                }
            }
            long t2 = System.nanoTime();
            apiMicros[i] = (t1 - t0) / 1000;
            servedMicros[i] = (t2 - t0) / 1000;
            ackToServedMicros[i] = (t2 - t1) / 1000;
        }
        backend.stop(0);
        backendThreads.shutdown(); // its threads are not daemons: the program would never exit
        Arrays.sort(apiMicros);
        Arrays.sort(servedMicros);
        Arrays.sort(ackToServedMicros);
        System.out.printf("preloaded_routes=%d preload_seconds=%.1f preload_rate=%.0f/s%n", preload, preloadSeconds, preload / Math.max(preloadSeconds, 1e-9));
        System.out.printf("rounds=%d requests_that_saw_no_route=%d%n", rounds, extraPolls);
        System.out.printf("api_change_ms p50=%.2f p99=%.2f max=%.2f%n", apiMicros[rounds / 2] / 1000.0, apiMicros[rounds * 99 / 100] / 1000.0, apiMicros[rounds - 1] / 1000.0);
        System.out.printf("change_to_served_ms p50=%.2f p99=%.2f max=%.2f%n", servedMicros[rounds / 2] / 1000.0, servedMicros[rounds * 99 / 100] / 1000.0, servedMicros[rounds - 1] / 1000.0);
        System.out.printf("api_answer_to_served_ms p50=%.2f p99=%.2f max=%.2f%n", ackToServedMicros[rounds / 2] / 1000.0,
                ackToServedMicros[rounds * 99 / 100] / 1000.0, ackToServedMicros[rounds - 1] / 1000.0);
        System.exit(0);
    }

    private static void post(HttpClient http, int apiPort, String token, String domain, String target) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/routes"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"domain\":\"" + domain + "\",\"targetUrl\":\"" + target + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST " + domain + " -> " + r.statusCode() + " " + r.body());
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
