package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.RawHttp;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backend lost before the client has any byte of its response is a backend lost before answering, over HTTP/2 as
 * over HTTP/1.1: each stream goes through the proxy's retry and gets the other backend's answer, with no stream
 * reset, even when the lost backend had already sent its response head (an instance killed between its head and its
 * body). A stream is reset only where an HTTP/1.1 connection would be closed, with the code that says why. The
 * HTTP/1.1 path's other retry tests are in {@link ProxyRoutingTest} and {@link ConnectionHandlingTest}.
 */
@Timeout(120)
class Http2BackendLossTest {

    /** Streams sent at once: below the router's 128 concurrent streams, which the JDK's client does not queue past. */
    private static final int STREAMS = 100;
    private static final int ROUNDS = 3;

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void everyStreamGetsTheOtherBackendsAnswerWhenOneHangsUpBeforeItsHead() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        routeTo(rude(lost, (ctx, msg) -> ctx.close()));

        assertEveryStreamAnsweredOk(h2cClient());
        assertThat(lost.get()).isPositive();
    }

    @Test
    void everyStreamGetsTheOtherBackendsAnswerWhenOneResetsAtAccept() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        TestBackend rude = fx.track(TestBackend.start(fx.group, "rude", p -> p.addFirst(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                lost.incrementAndGet(); // as pasta does for an instance that died behind it
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                ctx.close();
            }
        })));
        routeTo(rude);

        assertEveryStreamAnsweredOk(h2cClient());
        assertThat(lost.get()).isPositive();
    }

    @Test
    void everyStreamGetsTheOtherBackendsAnswerWhenOneDiesBetweenItsHeadAndItsBody() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        routeTo(rude(lost, Http2BackendLossTest::headThenClose));

        assertEveryStreamAnsweredOk(h2cClient());
        assertThat(lost.get()).isPositive();
    }

    @Test
    void anHttp11RequestIsRetriedTooWhenItsBackendDiesBetweenItsHeadAndItsBody() {
        AtomicInteger lost = new AtomicInteger();
        routeTo(rude(lost, Http2BackendLossTest::headThenClose));

        for (int i = 0; i < 6; i++) {
            RawHttp.Response r = RawHttp.get(fx.port(), "localhost", "/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("ok");
        }
        assertThat(lost.get()).isPositive();
    }

    @Test
    void aPostWhoseBackendDiesAfterItsHeadIsAnswered502AndNotSentAgain() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        fx.routes.set(new Route("localhost", List.of(rude(lost, Http2BackendLossTest::headThenClose).endpoint()),
                RoutePolicy.DEFAULT));
        HttpClient client = h2cClient();
        assertThat(send(client)).startsWith("502 "); // a request without a body upgrades the connection to h2c
        int lostBefore = lost.get();

        java.net.http.HttpResponse<String> r = client.send(request().POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("ferry-error")).hasValue("backend_reset");
        assertThat(lost.get()).isEqualTo(lostBefore + 1);
    }

    @Test
    void aResponseCutAfterItsFirstBytesResetsTheStreamWithInternalError() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        fx.routes.set(new Route("localhost", List.of(rude(lost, (ctx, msg) -> {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setContentLength(head, 10);
            ctx.write(head);
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("half!", StandardCharsets.US_ASCII)))
                    .addListener(ChannelFutureListener.CLOSE);
        }).endpoint()), RoutePolicy.DEFAULT));

        String outcome = send(h2cClient());

        assertThat(outcome).contains("RST_STREAM").contains("Internal error");
    }

    @Test
    void aRequestBodyRefusedAfterAWholeAnswerEndsTheStreamWithNoError() throws Exception {
        TestBackend good = fx.track(TestBackend.text(fx.group, "good", "ok"));
        fx.routes.set(new Route("localhost", List.of(good.endpoint()), RoutePolicy.DEFAULT.withMaxBodyBytes(1024)));

        // nghttp shows the frames it receives: a 413, then RST_STREAM NO_ERROR while its upload is still going
        java.nio.file.Path upload = java.nio.file.Files.createTempFile("upload", ".bin");
        try {
            java.nio.file.Files.write(upload, new byte[256 * 1024]);
            String frames = ClientCommands.output("nghttp", "-v", "-d", upload.toString(),
                    "http://localhost:" + fx.port() + "/");

            assertThat(frames).contains(":status: 413");
            assertThat(frames).containsPattern("recv RST_STREAM frame[^\\n]*\\n[^\\n]*error_code=NO_ERROR");
        } finally {
            java.nio.file.Files.deleteIfExists(upload);
        }
    }

    @Test
    void noStreamFailsAroundAKillOfOneOfTwoInstances() throws Exception {
        try (ProcessOrigin a = ProcessOrigin.start("a"); ProcessOrigin b = ProcessOrigin.start("b")) {
            fx.routes.set(new Route("localhost", List.of(a.endpoint(), b.endpoint()), RoutePolicy.DEFAULT));
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger ok = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> loops = new ArrayList<>();
            for (int t = 0; t < 4; t++) { // as ZeroDowntimeTest's request loop: a client each, one request at a time
                loops.add(Thread.ofPlatform().start(() -> {
                    HttpClient client = h2cClient();
                    while (running.get()) {
                        String outcome = send(client);
                        if (outcome.startsWith("200 ")) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(outcome);
                        }
                    }
                }));
            }
            await(() -> ok.get() >= 200);

            a.kill();
            int now = ok.get();
            await(() -> ok.get() >= now + 500);
            running.set(false);
            for (Thread t : loops) {
                t.join(30_000);
            }

            assertThat(failures).isEmpty();
        }
    }

    // ---- helpers

    /** A backend that reads each request and then does {@code what} with the connection instead of answering. */
    private TestBackend rude(AtomicInteger lost, java.util.function.BiConsumer<ChannelHandlerContext, Object> what) {
        return fx.track(TestBackend.start(fx.group, "rude", p -> p.addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean last = msg instanceof LastHttpContent;
                ReferenceCountUtil.release(msg);
                if (last) {
                    lost.incrementAndGet();
                    what.accept(ctx, msg);
                }
            }
        })));
    }

    /** A response head that promises a body, then the connection closes: an instance killed in between. */
    private static void headThenClose(ChannelHandlerContext ctx, Object request) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setContentLength(head, 5);
        ctx.writeAndFlush(head).addListener(ChannelFutureListener.CLOSE);
    }

    /** Routes {@code localhost} to {@code rude} and to a backend answering "ok". */
    private void routeTo(TestBackend rude) {
        TestBackend good = fx.track(TestBackend.text(fx.group, "good", "ok"));
        fx.routes.set(new Route("localhost", List.of(rude.endpoint(), good.endpoint()), RoutePolicy.DEFAULT));
    }

    private void assertEveryStreamAnsweredOk(HttpClient client) throws Exception {
        assertThat(send(client)).isEqualTo("200 ok"); // Upgrade: h2c, then streams on that one connection
        for (int round = 0; round < ROUNDS; round++) {
            List<CompletableFuture<String>> pending = new ArrayList<>(STREAMS);
            for (int i = 0; i < STREAMS; i++) {
                pending.add(CompletableFuture.supplyAsync(() -> send(client)));
            }
            for (CompletableFuture<String> f : pending) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("200 ok");
            }
        }
    }

    private static HttpClient h2cClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + fx.port() + "/")).timeout(Duration.ofSeconds(30));
    }

    /** One GET over HTTP/2: "status body", or the failure. */
    private String send(HttpClient client) {
        try {
            java.net.http.HttpResponse<String> r = client.send(request().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.version() != HttpClient.Version.HTTP_2 ? "over " + r.version() : r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /**
     * A small HTTP/1.1 keep-alive server in a child process ({@code /usr/bin/python3}, threaded, as an app instance
     * is), answering its name; {@link #kill} is a {@code kill -9}.
     */
    private static final class ProcessOrigin implements AutoCloseable {
        private static final String SERVER = """
                import http.server, sys
                NAME = sys.argv[2].encode()
                class Handler(http.server.BaseHTTPRequestHandler):
                    protocol_version = "HTTP/1.1"
                    def do_GET(self):
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(NAME)))
                        self.end_headers()
                        self.wfile.write(NAME)
                    def log_message(self, *args):
                        pass
                http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
                """;

        private final Process process;
        private final int port;

        private ProcessOrigin(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static ProcessOrigin start(String name) throws Exception {
            int port = FreePorts.loopback();
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", SERVER, Integer.toString(port), name)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return new ProcessOrigin(p, port);
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("the origin " + name + " did not listen on " + port);
        }

        Endpoint endpoint() {
            return Endpoint.of("127.0.0.1", port);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }
}
