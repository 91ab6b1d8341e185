package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LimitsTest {

    private final RouterFixture fx = new RouterFixture(b -> b.maxRequestBodyBytes(1000));
    private final TestBackend backend = fx.track(TestBackend.start(fx.group, "sink", p -> p.addLast(new TestBackend.UploadSink())));

    @AfterEach
    void close() {
        fx.close();
    }

    private void route(RoutePolicy policy) {
        fx.routes.set(new Route("app.localhost", List.of(backend.endpoint()), policy));
    }

    static Stream<Arguments> oversizedHeads() {
        String many = "X-N: 1\r\n".repeat(100);
        String large = ("X-Large: " + "v".repeat(7000) + "\r\n").repeat(10);
        return Stream.of(
                Arguments.of("request line over 8 KiB", "GET /" + "a".repeat(8200) + " HTTP/1.1\r\nHost: app.localhost\r\n\r\n",
                        414, "uri_too_long"),
                Arguments.of("one header line over 8 KiB", "GET / HTTP/1.1\r\nHost: app.localhost\r\nX-Big: " + "v".repeat(8200) + "\r\n\r\n",
                        431, "headers_too_large"),
                Arguments.of("headers over 64 KiB", "GET / HTTP/1.1\r\nHost: app.localhost\r\n" + large + "\r\n",
                        431, "headers_too_large"),
                Arguments.of("over 100 header fields", "GET / HTTP/1.1\r\nHost: app.localhost\r\n" + many + "\r\n",
                        431, "headers_too_large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizedHeads")
    void refusesOversizedHeads(String shape, String request, int status, String code) throws Exception {
        route(RoutePolicy.DEFAULT);
        RequestShapes.assertRefused(fx.port(), request, status, code);
        RequestShapes.assertBackendSawOnlyTheNextRequest(fx.port(), backend);
    }

    @Test
    void acceptsHeadsJustWithinTheLimits() {
        route(RoutePolicy.DEFAULT);
        String[] headers = new String[99];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "X-N" + i + ": 1";
        }
        assertThat(RawHttp.get(fx.port(), "app.localhost", "/", headers).status()).isEqualTo(200);
        try (RouterFixture lines = new RouterFixture(b -> b.maxHeaderLineLength(1024))) {
            TestBackend a = lines.track(TestBackend.text(lines.group, "a", "ok"));
            lines.routes.set(new Route("app.localhost", List.of(a.endpoint()), RoutePolicy.DEFAULT));
            String name = "X-Line: ";
            assertThat(RawHttp.get(lines.port(), "app.localhost", "/", name + "v".repeat(1024 - name.length())).status())
                    .isEqualTo(200);
            RequestShapes.assertRefused(lines.port(), RawHttp.request("GET", "app.localhost", "/", name + "v".repeat(1025 - name.length())),
                    431, "headers_too_large");
        }
    }

    static Stream<Arguments> overTheRouteLimit() {
        String head = "POST / HTTP/1.1\r\nHost: app.localhost\r\n";
        return Stream.of(
                Arguments.of("Content-Length over the limit", head + "Content-Length: 11\r\n\r\nhello world"),
                Arguments.of("chunked body over the limit", head + "Transfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overTheRouteLimit")
    void appliesTheRoutesBodyLimitBeforeTheRouters(String shape, String request) {
        route(RoutePolicy.DEFAULT.withMaxBodyBytes(10));
        RequestShapes.assertRefused(fx.port(), request, 413, "payload_too_large");

        route(RoutePolicy.DEFAULT);
        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(request);
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).startsWith("11 ");
        }
        RequestShapes.assertRefused(fx.port(), "POST / HTTP/1.1\r\nHost: app.localhost\r\nContent-Length: 1001\r\n\r\n",
                413, "payload_too_large");
    }

    @Test
    void cutsAChunkedBodyOverTheLimitOnceTheResponseHasBegun() throws Exception {
        TestBackend early = fx.track(TestBackend.start(fx.group, "early", p -> p.addLast(new AnswersAtTheHead())));
        fx.routes.set(new Route("app.localhost", List.of(early.endpoint()), RoutePolicy.DEFAULT.withMaxBodyBytes(10)));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("POST", "app.localhost", "/", "Transfer-Encoding: chunked") + "5\r\nhello\r\n");
            assertThat(c.readHead().status()).isEqualTo(200);
            assertThat(new String(c.readChunk(), StandardCharsets.UTF_8)).isEqualTo("started");
            c.send("8\r\n12345678\r\n");
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void cutsAClientThatDribblesItsHeadAtTheHeaderTimeout() throws Exception {
        try (RouterFixture slow = new RouterFixture(b -> b.requestHeaderTimeout(Duration.ofMillis(400)));
             RawHttp c = RawHttp.connect(slow.port())) {
            Thread dribbler = new Thread(() -> {
                byte[] head = "GET / HTTP/1.1\r\nHost: app.localhost\r\nX-Slow: abcdefghijklmnopqrstuvwxyz\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII);
                try {
                    for (int i = 0; i < head.length - 2; i++) {
                        c.out().write(head[i]);
                        c.out().flush();
                        Thread.sleep(40);
                    }
                } catch (IOException | InterruptedException e) {
                    // the router closed the connection, as it should
                }
            });
            dribbler.setDaemon(true);
            long start = System.nanoTime();
            dribbler.start();
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("Ferry-Error")).isEqualTo("request_timeout");
            assertThat(c.closedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            dribbler.join(5000);
        }
    }

    @Test
    void closesAnIdleKeptAliveConnectionAfterTheIdleTimeout() {
        try (RouterFixture idle = new RouterFixture(b -> b.idleTimeout(Duration.ofMillis(500)))) {
            TestBackend a = idle.track(TestBackend.text(idle.group, "a", "ok"));
            idle.routes.set(new Route("app.localhost", List.of(a.endpoint()), RoutePolicy.DEFAULT));
            try (RawHttp c = RawHttp.connect(idle.port())) {
                c.send(RawHttp.request("GET", "app.localhost", "/"));
                assertThat(c.read().status()).isEqualTo(200);
                long start = System.nanoTime();
                assertThat(c.closedByPeer()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void answersTooManyConnectionsPerClient() throws InterruptedException {
        // the busy connections end with 504 after the response timeout, and a closed one then gives its slot back
        try (RouterFixture capped = new RouterFixture(b -> b.maxConnectionsPerClient(2).responseTimeout(Duration.ofSeconds(3)))) {
            TestBackend a = capped.track(TestBackend.text(capped.group, "a", "ok"));
            TestBackend silent = capped.track(TestBackend.start(capped.group, "silent", p -> p.addLast(new TestBackend.Silent())));
            capped.routes.set(new Route("app.localhost", List.of(a.endpoint()), RoutePolicy.DEFAULT),
                    new Route("slow.localhost", List.of(silent.endpoint()), RoutePolicy.DEFAULT));
            List<RawHttp> open = new ArrayList<>();
            try {
                // idle connections would be evicted to make room: these two have a request in flight
                for (int i = 0; i < 2; i++) {
                    RawHttp busy = RawHttp.connect(capped.port());
                    open.add(busy);
                    busy.send(RawHttp.request("GET", "slow.localhost", "/"));
                    assertThat(silent.requests.poll(5, TimeUnit.SECONDS)).isNotNull();
                }
                assertTooManyConnections(RawHttp.connectFrom(capped.port(), "127.0.0.1"));
                try (RawHttp other = RawHttp.connectFrom(capped.port(), "127.0.0.2")) {
                    other.send(RawHttp.request("GET", "app.localhost", "/"));
                    assertThat(other.read().status()).isEqualTo(200);
                }
                open.remove(0).close();
                await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                    try (RawHttp again = RawHttp.connect(capped.port())) {
                        again.send(RawHttp.request("GET", "app.localhost", "/"));
                        assertThat(again.read().status()).isEqualTo(200);
                    }
                });
            } finally {
                open.forEach(RawHttp::close);
            }
        }
    }

    @Test
    void answersTooManyConnectionsInTotal() throws InterruptedException {
        try (RouterFixture capped = new RouterFixture(b -> b.maxConnections(2))) {
            TestBackend silent = capped.track(TestBackend.start(capped.group, "silent", p -> p.addLast(new TestBackend.Silent())));
            capped.routes.set(new Route("app.localhost", List.of(silent.endpoint()), RoutePolicy.DEFAULT));
            try (RawHttp one = RawHttp.connect(capped.port()); RawHttp two = RawHttp.connectFrom(capped.port(), "127.0.0.2")) {
                // busy, so that neither can be evicted to make room
                for (RawHttp busy : List.of(one, two)) {
                    busy.send(RawHttp.request("GET", "app.localhost", "/"));
                    assertThat(silent.requests.poll(5, TimeUnit.SECONDS)).isNotNull();
                }
                assertTooManyConnections(RawHttp.connectFrom(capped.port(), "127.0.0.3"));
            }
        }
    }

    private static void assertTooManyConnections(RawHttp c) {
        try (c) {
            c.send(RawHttp.request("GET", "app.localhost", "/"));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Ferry-Error")).isEqualTo("too_many_connections");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    /** Starts a chunked response as soon as the head arrives and never ends it. */
    private static final class AnswersAtTheHead extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                ctx.write(r);
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("started", StandardCharsets.UTF_8)));
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
