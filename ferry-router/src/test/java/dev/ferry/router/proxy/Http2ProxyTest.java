package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.router.Router;
import dev.ferry.router.Transport;
import dev.ferry.router.log.AccessLogEntry;
import dev.ferry.router.tls.MutableTlsSource;
import dev.ferry.testing.HttpOrigin;
import dev.ferry.testing.TestPki;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 to clients, relayed to real HTTP/1.1 origins: h2 by ALPN on the HTTPS listener (the JDK's client, curl),
 * h2c by prior knowledge (curl) and by {@code Upgrade: h2c} (the JDK's client) on the HTTP listener.
 */
@Timeout(60)
class Http2ProxyTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final MutableTlsSource source = new MutableTlsSource();
    private final EventLoopGroup group = new Transport(false).newGroup(2, "test-router");
    private final FixedRoutes routes = new FixedRoutes();
    private final BlockingQueue<Map<String, List<String>>> seen = new LinkedBlockingQueue<>();
    private final BlockingQueue<AccessLogEntry> log = new LinkedBlockingQueue<>();
    private final List<HttpOrigin> origins = new ArrayList<>();
    private Router router;

    @BeforeEach
    void start() throws IOException {
        source.put(TestPki.serving(AppName.of("hello"), pki.leaf("h2.example.test"), pki.root()));
        HttpOrigin hello = origin(ex -> {
            seen.add(Map.copyOf(ex.getRequestHeaders()));
            answer(ex, 200, ("hello over " + ex.getProtocol()).getBytes(StandardCharsets.UTF_8));
        });
        route("localhost", hello);
        route("h2.example.test", hello);
        router = HttpsRouters.start(routes, group, dir, source, log::add);
    }

    @AfterEach
    void stop() {
        router.close();
        origins.forEach(HttpOrigin::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void negotiatesH2ByAlpnAndAppliesTheHttpsRules() throws Exception {
        source.settings("localhost", HttpsSettings.OFF.withHsts(31_536_000, false));
        HttpResponse<String> r = send(tlsClient(), get("https://localhost:" + router.httpsPort() + "/a?b=c"));

        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello over HTTP/1.1");
        assertThat(r.headers().firstValue("strict-transport-security")).hasValue("max-age=31536000");
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        Map<String, List<String>> h = seen.poll(5, TimeUnit.SECONDS);
        assertThat(h.get("X-forwarded-proto")).containsExactly("https");
        assertThat(h.get("X-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(h.get("X-forwarded-port")).containsExactly(Integer.toString(router.httpsPort()));
        assertThat(h.get("Host")).containsExactly("localhost:" + router.httpsPort());
        assertThat(h.get("Via")).containsExactly("1.1 ferry");
        AccessLogEntry entry = log.poll(5, TimeUnit.SECONDS);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.path()).isEqualTo("/a?b=c");
        assertThat(entry.host()).isEqualTo("localhost");
    }

    @Test
    void curlNegotiatesH2ByAlpnAndFallsBackToHttp11() throws Exception {
        Path ca = dir.resolve("root.pem");
        Files.writeString(ca, pki.rootPem());
        String url = "https://h2.example.test:" + router.httpsPort() + "/";
        String resolve = "h2.example.test:" + router.httpsPort() + ":127.0.0.1";

        String h2 = ClientCommands.succeeded("curl", "-sS", "-v", "--http2", "--cacert", ca.toString(),
                "--resolve", resolve, url);
        String h1 = ClientCommands.succeeded("curl", "-sS", "-v", "--http1.1", "--cacert", ca.toString(),
                "--resolve", resolve, url);

        assertThat(h2).contains("ALPN: server accepted h2").contains("< HTTP/2 200").contains("hello over HTTP/1.1");
        assertThat(h1).contains("ALPN: server accepted http/1.1").contains("< HTTP/1.1 200")
                .contains("hello over HTTP/1.1");
    }

    @Test
    void curlWithPriorKnowledgeGetsH2cOnTheHttpPort() throws Exception {
        String out = ClientCommands.succeeded("curl", "-sS", "-v", "--http2-prior-knowledge", "-H", "Host: localhost",
                "http://127.0.0.1:" + router.httpPort() + "/");

        assertThat(out).contains("< HTTP/2 200").contains("hello over HTTP/1.1");
        assertThat(seen.poll(5, TimeUnit.SECONDS).get("X-forwarded-proto")).containsExactly("http");
    }

    @Test
    void jdkClientUpgradesToH2cOnTheHttpPort() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String url = "http://localhost:" + router.httpPort() + "/";

        HttpResponse<String> first = send(client, get(url));
        HttpResponse<String> second = send(client, get(url));

        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(first.body()).isEqualTo("hello over HTTP/1.1");
        assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.statusCode()).isEqualTo(200);
    }

    @Test
    void anUpgradeToH2cWithoutSettingsIsRefusedWith400() throws Exception {
        String response = raw(router.httpPort(), "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\n"
                + "Upgrade: h2c\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400").contains("Ferry-Error: bad_request");
        assertThat(seen).isEmpty();
    }

    @Test
    void plainHttp11IsServedAsBefore() throws Exception {
        String response = raw(router.httpPort(), "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("hello over HTTP/1.1");
    }

    @Test
    void errorPagesAndMaintenanceComeBackOverH2() throws Exception {
        HttpOrigin down = origin(ex -> answer(ex, 200, new byte[0]));
        routes.set(new Route("localhost", List.of(Endpoint.of("127.0.0.1", down.port())),
                RoutePolicy.DEFAULT.withMaintenance(true)));
        HttpClient client = tlsClient();

        HttpResponse<String> maintenance = send(client, get("https://localhost:" + router.httpsPort() + "/"));
        routes.set();
        HttpResponse<String> unknown = send(client, get("https://localhost:" + router.httpsPort() + "/"));

        assertThat(maintenance.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(maintenance.statusCode()).isEqualTo(503);
        assertThat(maintenance.headers().firstValue("ferry-error")).hasValue("maintenance");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("ferry-error")).hasValue("no_such_app");
    }

    @Test
    void streamsABigDownloadAndABigUploadOfUnknownLength() throws Exception {
        byte[] block = new byte[64 * 1024];
        new SecureRandom().nextBytes(block);
        int blocks = 32 * MIB / block.length;
        HttpOrigin big = origin(ex -> {
            if (ex.getRequestMethod().equals("POST")) {
                CRC32 crc = new CRC32();
                long n = 0;
                byte[] buf = new byte[16 * 1024];
                try (InputStream in = ex.getRequestBody()) {
                    for (int r; (r = in.read(buf)) > 0; n += r) {
                        crc.update(buf, 0, r);
                    }
                }
                answer(ex, 200, (n + " " + crc.getValue()).getBytes(StandardCharsets.UTF_8));
            } else {
                ex.sendResponseHeaders(200, 0); // chunked to the router
                try (OutputStream out = ex.getResponseBody()) {
                    for (int i = 0; i < blocks; i++) {
                        out.write(block);
                    }
                }
            }
        });
        route("localhost", big);
        HttpClient client = tlsClient();
        String url = "https://localhost:" + router.httpsPort() + "/big";
        CRC32 expected = new CRC32();
        for (int i = 0; i < blocks; i++) {
            expected.update(block);
        }

        HttpResponse<byte[]> down = client.send(get(url), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> up = send(client, HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new RepeatedBlock(block, blocks))).build());

        assertThat(down.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(down.body().length).isEqualTo(32 * MIB);
        CRC32 got = new CRC32();
        got.update(down.body());
        assertThat(got.getValue()).isEqualTo(expected.getValue());
        assertThat(up.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(up.body()).isEqualTo((32 * MIB) + " " + expected.getValue());
    }

    @Test
    void manyStreamsOfOneConnectionReachTheOriginAtOnce() throws Exception {
        int streams = 24;
        CyclicBarrier all = new CyclicBarrier(streams);
        HttpOrigin together = origin(ex -> {
            if (ex.getRequestURI().getPath().equals("/warm")) {
                answer(ex, 200, new byte[0]);
                return;
            }
            try {
                all.await(10, TimeUnit.SECONDS); // only passes when every request is in the origin at once
                answer(ex, 200, "together".getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                answer(ex, 500, new byte[0]);
            }
        });
        route("localhost", together);
        HttpClient client = tlsClient();
        send(client, get("https://localhost:" + router.httpsPort() + "/warm")); // one connection, then streams

        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            pending.add(client.sendAsync(get("https://localhost:" + router.httpsPort() + "/" + i),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : pending) {
            HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aStreamResetByTheClientCancelsTheUpstreamExchange() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        byte[] chunk = new byte[8 * 1024];
        HttpOrigin endless = origin(ex -> {
            if (ex.getRequestURI().getPath().equals("/again")) {
                answer(ex, 200, "again".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) { // ~800 MB at most: the router must cut it short
                    out.write(chunk);
                    out.flush();
                    Thread.sleep(1);
                }
            } catch (IOException e) {
                aborted.countDown(); // the router closed the backend connection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        route("localhost", endless);
        HttpClient client = tlsClient();

        HttpResponse<InputStream> r = client.send(get("https://localhost:" + router.httpsPort() + "/endless"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        try (InputStream body = r.body()) {
            assertThat(body.readNBytes(16 * 1024)).hasSize(16 * 1024);
        } // closing the body before its end resets the stream

        assertThat(aborted.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (routes.outstanding() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(routes.outstanding()).isZero();
        assertThat(log.stream().anyMatch(e -> e.path().equals("/endless"))).isTrue();
        // the connection still serves other streams
        assertThat(send(client, get("https://localhost:" + router.httpsPort() + "/again")).version())
                .isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void aClientThatStopsReadingStopsTheOriginInsteadOfFillingMemory() throws Exception {
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        byte[] chunk = new byte[64 * 1024];
        HttpOrigin source = origin(ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 2048; i++) { // 128 MiB offered
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the test ends the stream early
            }
        });
        route("localhost", source);

        HttpResponse<InputStream> r = tlsClient().send(get("https://localhost:" + router.httpsPort() + "/slow"),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread.sleep(2000); // the client reads nothing: its windows fill, then the router's backend reads stop
        long stalled = written.get();
        Thread.sleep(500);

        assertThat(written.get() - stalled).as("the origin is paused").isLessThan(4L * MIB);
        // what is in flight is the client's windows and the socket buffers, not the body
        assertThat(stalled).isLessThan(64L * MIB);
        r.body().close();
    }

    @Test
    void aStopLetsStreamsInFlightFinishAfterGoAway() throws Exception {
        router.close();
        router = HttpsRouters.start(routes, group, dir, source, log::add, Duration.ofSeconds(10));
        CountDownLatch arrived = new CountDownLatch(1);
        HttpOrigin slow = origin(ex -> {
            arrived.countDown();
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200, "finished".getBytes(StandardCharsets.UTF_8));
        });
        route("localhost", slow);
        CompletableFuture<HttpResponse<String>> inFlight = tlsClient().sendAsync(
                get("https://localhost:" + router.httpsPort() + "/slow"), HttpResponse.BodyHandlers.ofString());
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

        router.stopAccepting(); // returns once the open streams are done (or the grace period passed)
        router.close();         // then closes every connection left

        HttpResponse<String> r = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.body()).isEqualTo("finished");
    }

    // ---- helpers

    private HttpOrigin origin(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpOrigin o = HttpOrigin.start(handler);
        origins.add(o);
        return o;
    }

    private final Map<String, Route> table = new ConcurrentHashMap<>();

    private void route(String host, HttpOrigin origin) {
        table.put(host, new Route(host, List.of(Endpoint.of("127.0.0.1", origin.port())), RoutePolicy.DEFAULT));
        routes.set(table.values().toArray(Route[]::new));
    }

    private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A JDK client for h2 over TLS; trusts any certificate (the JDK sends no SNI for {@code localhost}). */
    static HttpClient tlsClient() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAnything()}, new SecureRandom());
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(context).build();
    }

    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** {@code count} copies of {@code block}, of a length the client cannot know ahead. */
    private static final class RepeatedBlock extends InputStream {
        private final byte[] block;
        private long left;
        private int at;

        RepeatedBlock(byte[] block, int count) {
            this.block = block;
            this.left = (long) block.length * count;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, block.length - at), left);
            System.arraycopy(block, at, b, off, n);
            at = (at + n) % block.length;
            left -= n;
            return n;
        }
    }

    private static final class TrustAnything extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) { }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) { }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
