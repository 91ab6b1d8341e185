import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RouteTable;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.store.route.RedisRouteRegistry;
import dev.ferry.store.route.RedisServerProcess;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fleet's route propagation, from the outside: a redis-server ({@code appendonly yes}) and a PostgreSQL on
 * loopback, two {@code ferry control} on both, PRELOAD routes written into Redis through the registry (four
 * threads), then two separate {@code ferry router} started on that Redis, the first timed from its launch to its
 * first 200 on a preloaded route. Then, after WARMUP unrecorded warm-up changes (2,000 by default: control nodes and
 * routers run for months, and a fresh JVM interprets its code for the first thousands of calls before it compiles it),
 * ROUNDS changes through the two control nodes in turn, each GAP_MS (20 by default) after the last one ended, so
 * that the figure is a change's latency on a fleet at work, not under a benchmark's back-to-back writes. For each:
 * {@code POST /api/routes} for a new domain over a kept connection to the control node, written and read on the
 * calling thread; two watchers, one per router, ask their router for the domain over a kept connection from the
 * moment the change is published (this process's own subscription, which the routers share, sees it, or the API
 * answers) until it answers 200 (sent -> served by both is when the later of the two 200s arrived); then (to split
 * the API call's own cost from the registry write's) an authenticated {@code GET} of the same route. The routes'
 * target answers at once on a virtual thread per connection.
 * Usage: java -cp CLASSPATH FleetPropagationBench.java FERRY_LAUNCHER WORKDIR PRELOAD ROUNDS [WARMUP [GAP_MS]]
 */
public class FleetPropagationBench {

    /** Opened when this process's own subscription sees the change of a domain: the routers get it at that moment. */
    private static final Map<String, java.util.concurrent.CountDownLatch> PUBLISHED = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String ferry = args[0];
        Path work = Path.of(args[1]);
        int preload = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        long gapMillis = args.length > 5 ? Long.parseLong(args[5]) : 20;
        java.net.ServerSocket backend = new java.net.ServerSocket(0, 512, java.net.InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("backend").start(() -> serveOk(backend));
        int backendPort = backend.getLocalPort();
        Process[] controls = new Process[2];
        Process[] routers = new Process[2];
        Map<String, Long> published = new ConcurrentHashMap<>();
        try (RedisServerProcess redis = RedisServerProcess.start(work.resolve("redis"), true);
             PostgresServerProcess postgres = PostgresServerProcess.start();
             RedisRouteRegistry writer = RedisRouteRegistry.open(RedisRegistryConfig.of(redis.uri()));
             AutoCloseable stopFerry = () -> stop(routers[1], routers[0], controls[1], controls[0])) {
            String key = newKey();
            String store = postgres.url(postgres.newDatabase());
            int[] apiPorts = {freePort(), freePort()};
            for (int c = 0; c < 2; c++) {
                controls[c] = launch(work.resolve("control" + c + ".log"), List.of(ferry, "control", "--store", store,
                        "--registry", redis.uri(), "--api-port", String.valueOf(apiPorts[c]), "--ssh-port", "0",
                        "--tunnel-port", "0", "--data-dir", work.resolve("control" + c).toString()), key);
                awaitLog(work.resolve("control" + c + ".log"), "Ferry is up.", controls[c]);
            }
            String token = Files.readString(work.resolve("control0").resolve("admin-token")).strip();

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
            writer.subscribe(new RouteListener() {
                @Override
                public void onSnapshot(RouteTable table) {
                }

                @Override
                public void onChange(RouteChange change) {
                    if (change instanceof RouteChange.HttpRouteSet set) {
                        published.putIfAbsent(set.route().domain(), System.nanoTime());
                        PUBLISHED.computeIfAbsent(set.route().domain(), d -> new java.util.concurrent.CountDownLatch(1))
                                .countDown();
                    }
                }
            });

            int[] routerPorts = {freePort(), freePort()};
            String last = "bulk" + (preload - 1) + ".bench";
            for (int r = 0; r < 2; r++) {
                long launched = System.nanoTime();
                routers[r] = launch(work.resolve("router" + r + ".log"), List.of(ferry, "router", "--registry", redis.uri(),
                        "--http-port", String.valueOf(routerPorts[r]), "--https-port", "0", "--data-dir", work.resolve("router" + r).toString()), key);
                while (status(routerPorts[r], last) != 200) {
                    if (!routers[r].isAlive() || System.nanoTime() - launched > TimeUnit.SECONDS.toNanos(300)) {
                        throw new IllegalStateException("ferry router did not serve " + last + "; see "
                                + work.resolve("router" + r + ".log"));
                    }
                    Thread.sleep(2);
                }
                if (r == 0) {
                    System.out.printf("router_start_to_first_200_ms=%.0f (routes in Redis: %d)%n",
                            (System.nanoTime() - launched) / 1e6, preload);
                }
            }

            String target = "http://127.0.0.1:" + backendPort;
            RouterWatcher[] watchers = {new RouterWatcher(routerPorts[0]), new RouterWatcher(routerPorts[1])};
            ApiConnection[] apis = {new ApiConnection(apiPorts[0]), new ApiConnection(apiPorts[1])};
            for (int i = 0; i < warmup; i++) {
                change(apis[i % 2], watchers, token, "warmup" + i + ".bench", target);
            }
            long[] apiMicros = new long[rounds];
            long[] publishedMicros = new long[rounds];
            long[] servedMicros = new long[rounds];
            long[] readMicros = new long[rounds];
            long[] sentAt = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                Thread.sleep(gapMillis);
                long[] r = change(apis[i % 2], watchers, token, "change" + i + ".bench", target);
                apiMicros[i] = r[0];
                servedMicros[i] = r[1];
                readMicros[i] = r[2];
                sentAt[i] = r[3];
            }
            // This process's registry may stamp the last changes after the routers served them.
            for (int wait = 0; wait < 50 && published.size() < rounds + warmup; wait++) {
                Thread.sleep(100);
            }
            for (int i = 0; i < rounds; i++) {
                Long seen = published.get("change" + i + ".bench");
                publishedMicros[i] = seen == null ? Long.MAX_VALUE / 2 : (seen - sentAt[i]) / 1000;
            }
            System.out.printf("routes=%d rounds=%d api_call p50=%.2f p99=%.2f ms | sent_to_published p50=%.2f p99=%.2f ms"
                    + " | sent_to_served_by_both p50=%.2f p99=%.2f max=%.2f ms | api_read p50=%.2f p99=%.2f ms%n",
                    preload, rounds, pct(apiMicros, 0.5), pct(apiMicros, 0.99), pct(publishedMicros, 0.5),
                    pct(publishedMicros, 0.99), pct(servedMicros, 0.5), pct(servedMicros, 0.99), pct(servedMicros, 1.0),
                    pct(readMicros, 0.5), pct(readMicros, 0.99));
        } finally {
            backend.close();
        }
    }

    /** Stops Ferry's processes (closed before Redis and PostgreSQL, so that they stop on working backends). */
    private static void stop(Process... processes) throws InterruptedException {
        for (Process p : processes) {
            if (p != null) {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * One change: the API call's time, the time from sending it to the first 200 from each router, the
     * authenticated read's time, in µs; and when it was sent ({@link System#nanoTime()}). Each router is watched by
     * its {@link RouterWatcher} from the moment the change is published (this process's own subscription, which the
     * routers share, sees it, or the API answers, whichever comes first): the figure is when both routers served the route, not when a client asking them one
     * after the other noticed it, and no request loads the machine before there is a change.
     */
    private static long[] change(ApiConnection api, RouterWatcher[] watchers, String token, String domain, String target)
            throws Exception {
        java.util.concurrent.CountDownLatch published =
                PUBLISHED.computeIfAbsent(domain, d -> new java.util.concurrent.CountDownLatch(1));
        List<java.util.concurrent.CompletableFuture<Long>> firstServed = new java.util.ArrayList<>();
        for (RouterWatcher w : watchers) {
            firstServed.add(w.watch(domain, published));
        }
        long start = System.nanoTime();
        String posted = api.call("POST", "/api/routes", token,
                "{\"domain\":\"" + domain + "\",\"targetUrl\":\"" + target + "\"}");
        long answered = System.nanoTime();
        published.countDown(); // the API's answer also says the change is in Redis, when it comes first
        if (!posted.startsWith("HTTP/1.1 201")) {
            throw new IllegalStateException("POST /api/routes answered " + posted);
        }
        long served = 0;
        for (int r = 0; r < watchers.length; r++) {
            long at = firstServed.get(r).get(15, TimeUnit.SECONDS);
            if (at < 0) {
                throw new IllegalStateException(domain + " was not served by router " + r + " within 10 s");
            }
            served = Math.max(served, at);
        }
        long readStart = System.nanoTime();
        String read = api.call("GET", "/api/routes/" + domain, token, null);
        if (!read.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException("GET /api/routes/" + domain + " answered " + read);
        }
        return new long[] {(answered - start) / 1000, Math.max(0, served - start) / 1000,
                (System.nanoTime() - readStart) / 1000, start};
    }

    /**
     * One keep-alive connection to a control node's API, written and read on the calling thread: the time of a call
     * is the control node's and the network's, with no client's own threads handing the answer over.
     */
    private static final class ApiConnection {
        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;

        ApiConnection(int port) throws IOException {
            socket = new java.net.Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** Sends one request and returns its status line and body, one line apart. */
        String call(String method, String path, String token, String json) throws IOException {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\n" + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n";
            byte[] request = java.util.Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
            System.arraycopy(body, 0, request, head.length(), body.length);
            out.write(request);
            out.flush();
            String status = line(in);
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Long.parseLong(header.substring(15).strip());
                } else if (header.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                    chunked = header.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                }
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                    answer.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            } else if (length > 0) {
                answer.write(in.readNBytes((int) length));
            }
            return status + "\n" + answer.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Watches one router for each change over one keep-alive connection, on a thread of its own made once (no thread
     * or connection is made while a change is measured): from the moment the change is published it asks the router
     * for the change's domain every {@link #POLL_MICROS} µs until it answers 200, and gives when that answer's status
     * line arrived ({@link System#nanoTime()}), or -1 after 10 s.
     */
    private static final class RouterWatcher {
        /** How long a watcher waits between two requests to its router. */
        private static final long POLL_MICROS = 250;

        private record Job(String domain, java.util.concurrent.CountDownLatch published,
                           java.util.concurrent.CompletableFuture<Long> served) {
        }

        private final int port;
        private final java.util.concurrent.BlockingQueue<Job> jobs = new java.util.concurrent.LinkedBlockingQueue<>();
        private java.net.Socket socket;
        private java.io.InputStream in;
        private java.io.OutputStream out;

        RouterWatcher(int port) throws IOException {
            this.port = port;
            connect();
            Thread.ofPlatform().daemon().name("watch-" + port).start(this::run);
        }

        java.util.concurrent.CompletableFuture<Long> watch(String domain, java.util.concurrent.CountDownLatch published) {
            Job job = new Job(domain, published, new java.util.concurrent.CompletableFuture<>());
            jobs.add(job);
            return job.served();
        }

        private void connect() throws IOException {
            socket = new java.net.Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        private void run() {
            while (true) {
                Job job;
                try {
                    job = jobs.take();
                } catch (InterruptedException e) {
                    return;
                }
                job.served().complete(firstServed(job));
            }
        }

        private long firstServed(Job job) {
            byte[] request = ("GET / HTTP/1.1\r\nHost: " + job.domain() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                if (!job.published().await(10, TimeUnit.SECONDS)) {
                    return -1;
                }
                while (System.nanoTime() < deadline) {
                    out.write(request);
                    out.flush();
                    String status = line(in);
                    long at = System.nanoTime();
                    long length = 0;
                    for (String header = line(in); !header.isEmpty(); header = line(in)) {
                        if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                            length = Long.parseLong(header.substring(15).strip());
                        }
                    }
                    in.skipNBytes(length);
                    if (status.startsWith("HTTP/1.1 200")) {
                        return at;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(POLL_MICROS * 1000);
                }
                return -1;
            } catch (IOException e) {
                try {
                    connect(); // the next change gets a fresh connection; this one counts as not served
                } catch (IOException again) {
                    // the next change fails the same way
                }
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /**
     * The routes' target: answers every request on every connection {@code 200 ok}, a virtual thread per connection (routers keep a
     * connection per route, thousands in a run), with no
     * work between a request's head and its answer, so that "served" measures the routers, not the target.
     */
    private static void serveOk(java.net.ServerSocket server) {
        byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n".getBytes(StandardCharsets.US_ASCII);
        while (!server.isClosed()) {
            try {
                java.net.Socket connection = server.accept();
                connection.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> {
                    try (connection) {
                        java.io.InputStream in = new java.io.BufferedInputStream(connection.getInputStream());
                        java.io.OutputStream out = connection.getOutputStream();
                        while (true) {
                            while (!line(in).isEmpty()) {
                                // the request's head; the routers send GETs without a body
                            }
                            out.write(ok);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // the router closed the connection
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String line(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the router closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
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
