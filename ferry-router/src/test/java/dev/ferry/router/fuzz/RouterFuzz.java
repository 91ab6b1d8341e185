package dev.ferry.router.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sends mutated requests ({@link RequestMutator}) on raw sockets, written at once, slowly, half-closed or
 * aborted, at a real {@link Router} with a live backend, for {@code -Dferry.fuzz.seconds} (60 by default),
 * and checks after every batch that the router still serves a valid request, that every connection got a
 * response or was closed within {@value #STUCK_AFTER_SECONDS} s, and at the end that every exchange the
 * router started also finished and that Netty reported no leaked buffer and no unhandled exception.
 * Replay a run with {@code -Dferry.fuzz.seed=<seed printed by the failure>}. Run by the {@code fuzz} profile only:
 * its name matches none of surefire's default test patterns, so the default build leaves it out.
 */
class RouterFuzz {

    private static final int STUCK_AFTER_SECONDS = 10;
    private static final int CASES_PER_BATCH = 64;
    private static final int PARALLEL_CONNECTIONS = CASES_PER_BATCH;

    @Test
    void survivesMutatedRequestsWithoutCrashStuckConnectionOrLeak() throws Exception {
        long seed = Long.getLong("ferry.fuzz.seed", System.nanoTime());
        Duration duration = Duration.ofSeconds(Long.getLong("ferry.fuzz.seconds", 60));
        System.out.printf("router fuzz: seed %d for %s (replay with -Dferry.fuzz.seed=%d)%n", seed, duration, seed);
        Random master = new Random(seed);
        Transport transport = Transport.detect();
        EventLoopGroup backendGroup = transport.newGroup(1, "fuzz-backend");
        EventLoopGroup routerGroup = transport.newGroup(2, "fuzz-router");
        ExecutorService clients = Executors.newFixedThreadPool(PARALLEL_CONNECTIONS);
        try (NettyLogCapture netty = new NettyLogCapture(); FuzzBackend backend = new FuzzBackend(transport, backendGroup)) {
            FuzzRoutes routes = new FuzzRoutes(backend.endpoint());
            RouterConfig config = RouterConfig.builder().httpPort(0).connectTimeout(Duration.ofSeconds(1))
                    .requestHeaderTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(3))
                    .idleTimeout(Duration.ofSeconds(3)).shutdownGracePeriod(Duration.ofMillis(200)).build();
            Router router = new Router(config, routes, transport, routerGroup, new SimpleMeterRegistry(), entry -> { });
            router.start();
            try {
                long deadline = System.nanoTime() + duration.toNanos();
                int batches = 0;
                long cases = 0;
                while (System.nanoTime() < deadline) {
                    List<Long> caseSeeds = new ArrayList<>();
                    List<Future<String>> outcomes = new ArrayList<>();
                    for (int i = 0; i < CASES_PER_BATCH; i++) {
                        long caseSeed = master.nextLong();
                        caseSeeds.add(caseSeed);
                        outcomes.add(clients.submit(() -> runCase(router.httpPort(), caseSeed)));
                    }
                    for (int i = 0; i < outcomes.size(); i++) {
                        String stuck = outcomes.get(i).get(STUCK_AFTER_SECONDS + 20, TimeUnit.SECONDS);
                        assertThat(stuck).as("seed %d, case seed %d", seed, caseSeeds.get(i)).isNull();
                    }
                    cases += outcomes.size();
                    batches++;
                    assertThat(validRequest(router.httpPort()))
                            .as("a valid request after batch %d (seed %d)", batches, seed).startsWith("HTTP/1.1 200");
                }
                System.out.printf("router fuzz: %d cases in %d batches%n", cases, batches);
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(routes.finished.get())
                        .as("exchanges finished of those started (seed %d)", seed).isEqualTo(routes.started.get()));
                flushLeakReports(router.httpPort());
                assertThat(netty.leaks()).as("Netty leak reports (seed %d)", seed).isEmpty();
                assertThat(netty.unhandledExceptions()).as("exceptions that reached a pipeline's tail (seed %d)", seed).isEmpty();
            } finally {
                router.close();
            }
        } finally {
            clients.shutdownNow();
            backendGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            routerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** One connection: sends the case, then waits for a response or a close; null when it got one. */
    private static String runCase(int port, long caseSeed) throws IOException, InterruptedException {
        Random random = new Random(caseSeed);
        byte[] request = new RequestMutator(random).next();
        int style = random.nextInt(4);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(200);
            try {
                write(socket, request, style, random);
            } catch (IOException closedByRouter) {
                // the router may close while we write (e.g. after a 400): fine, the read below sees it
            }
            if (style == 3) {
                return null;
            }
            return awaitResponseOrClose(socket, request);
        }
    }

    private static void write(Socket socket, byte[] request, int style, Random random) throws IOException, InterruptedException {
        OutputStream out = socket.getOutputStream();
        switch (style) {
            case 1 -> { // slow: small pieces with pauses, at most about a second in all
                for (int at = 0, pieces = 0; at < request.length; pieces++) {
                    int n = Math.min(request.length - at, pieces < 60 ? 1 + random.nextInt(16) : request.length);
                    out.write(request, at, n);
                    out.flush();
                    at += n;
                    Thread.sleep(random.nextInt(16));
                }
            }
            case 2 -> { // everything, then a half-close
                out.write(request);
                socket.shutdownOutput();
            }
            case 3 -> { // a part, then an abortive close (RST)
                out.write(request, 0, request.length / 2);
                socket.setSoLinger(true, 0);
            }
            default -> out.write(request);
        }
    }

    private static String awaitResponseOrClose(Socket socket, byte[] request) throws IOException {
        InputStream in = socket.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STUCK_AFTER_SECONDS);
        byte[] buf = new byte[8192];
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buf);
                if (n < 0 || (n > 0 && new String(buf, 0, Math.min(n, 5), StandardCharsets.ISO_8859_1).equals("HTTP/"))) {
                    return null;
                }
            } catch (SocketTimeoutException stillWaiting) {
                // loop until the deadline
            } catch (IOException reset) {
                return null;
            }
        }
        return "no response and no close within " + STUCK_AFTER_SECONDS + " s for " + request.length + " bytes: "
                + HexFormat.of().formatHex(request, 0, Math.min(request.length, 512));
    }

    private static String validRequest(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /ok HTTP/1.1\r\nHost: " + FuzzRoutes.HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Leaks are reported when a leaked buffer has been collected and another buffer is tracked after it. */
    private static void flushLeakReports(int port) throws IOException, InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(200);
            for (int i = 0; i < 50; i++) {
                validRequest(port);
            }
        }
    }
}
