package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestSemanticsTest {

    private final RouterFixture fx = new RouterFixture(b -> b.maxRequestBodyBytes(100));
    private final TestBackend backend = fx.track(TestBackend.start(fx.group, "sink", p -> p.addLast(new TestBackend.UploadSink())));

    @BeforeEach
    void routes() {
        fx.routes.set(new Route("app.localhost", List.of(backend.endpoint()), RoutePolicy.DEFAULT));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    static Stream<Arguments> badHosts() {
        return Stream.of(
                Arguments.of("no Host", "GET / HTTP/1.1\r\n\r\n"),
                Arguments.of("empty Host", "GET / HTTP/1.1\r\nHost: \r\n\r\n"),
                Arguments.of("two Host fields", "GET / HTTP/1.1\r\nHost: app.localhost\r\nHost: app.localhost\r\n\r\n"),
                Arguments.of("two different Host fields", "GET / HTTP/1.1\r\nHost: app.localhost\r\nHost: other.localhost\r\n\r\n"),
                Arguments.of("Host with a path", "GET / HTTP/1.1\r\nHost: app.localhost/x\r\n\r\n"),
                Arguments.of("Host with user info", "GET / HTTP/1.1\r\nHost: me@app.localhost\r\n\r\n"),
                Arguments.of("Host with a space", "GET / HTTP/1.1\r\nHost: app localhost\r\n\r\n"),
                Arguments.of("Host with a port too large", "GET / HTTP/1.1\r\nHost: app.localhost:99999\r\n\r\n"),
                Arguments.of("Host with a port not a number", "GET / HTTP/1.1\r\nHost: app.localhost:80a\r\n\r\n"),
                Arguments.of("Host with two ports", "GET / HTTP/1.1\r\nHost: app.localhost:80:80\r\n\r\n"),
                Arguments.of("unclosed IPv6 Host", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n"),
                Arguments.of("absolute form for another host", "GET http://other.localhost/ HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                Arguments.of("absolute form for another port", "GET http://app.localhost:81/ HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                Arguments.of("absolute form with user info", "GET http://me@app.localhost/ HTTP/1.1\r\nHost: app.localhost\r\n\r\n"),
                Arguments.of("absolute form without Host on HTTP/1.1", "GET http://app.localhost/ HTTP/1.1\r\n\r\n"),
                Arguments.of("absolute form of another scheme", "GET ftp://app.localhost/ HTTP/1.1\r\nHost: app.localhost\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHosts")
    void refusesRequestsWithoutOneValidHost(String shape, String request) throws Exception {
        RequestShapes.assertRefused(fx.port(), request, 400, "bad_request");
        RequestShapes.assertBackendSawOnlyTheNextRequest(fx.port(), backend);
    }

    @Test
    void refusesConnectAndTraceWithAllow() {
        RawHttp.Response r = RequestShapes.assertRefused(fx.port(), "TRACE / HTTP/1.1\r\nHost: app.localhost\r\n\r\n",
                405, "method_not_allowed");
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    }

    @Test
    void routesAnAbsoluteFormTargetAndSendsOriginFormToTheBackend() throws Exception {
        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send("GET http://APP.localhost:80/path?q=1 HTTP/1.1\r\nHost: app.localhost\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
            c.send("GET http://app.localhost?q=2 HTTP/1.1\r\nHost: app.localhost:80\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
            c.send("GET http://app.localhost/x HTTP/1.0\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
        }
        assertThat(backend.requests.poll(5, TimeUnit.SECONDS).uri()).isEqualTo("/path?q=1");
        assertThat(backend.requests.poll(5, TimeUnit.SECONDS).uri()).isEqualTo("/?q=2");
        TestBackend.Seen http10 = backend.requests.poll(5, TimeUnit.SECONDS);
        assertThat(http10.uri()).isEqualTo("/x");
        assertThat(http10.headers().get("Host")).isEqualTo("app.localhost");
    }

    @Test
    void acceptsValidHostForms() {
        fx.routes.set(new Route("app.localhost", List.of(backend.endpoint()), RoutePolicy.DEFAULT),
                new Route("127.0.0.1", List.of(backend.endpoint()), RoutePolicy.DEFAULT));
        assertThat(RawHttp.get(fx.port(), "app.localhost:8080", "/").status()).isEqualTo(200);
        assertThat(RawHttp.get(fx.port(), "app.localhost.", "/").status()).isEqualTo(200);
        assertThat(RawHttp.get(fx.port(), "127.0.0.1:" + fx.port(), "/").status()).isEqualTo(200);
        assertThat(RawHttp.get(fx.port(), "[::1]:8080", "/").status()).isEqualTo(404);
    }

    @Test
    void sendsOne100ContinueAndNeverTheBackendsOwn() throws Exception {
        TestBackend eager = fx.track(TestBackend.start(fx.group, "eager", p -> p.addLast(new ContinuesThenAnswers())));
        fx.routes.set(new Route("app.localhost", List.of(eager.endpoint()), RoutePolicy.DEFAULT));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            for (int i = 0; i < 2; i++) {
                c.send(RawHttp.request("POST", "app.localhost", "/", "Content-Length: 5", "Expect: 100-continue"));
                assertThat(c.readHead().status()).isEqualTo(100);
                c.send("hello");
                RawHttp.Response r = c.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo("done");
            }
        }
        TestBackend.Seen seen = eager.requests.poll(5, TimeUnit.SECONDS);
        assertThat(seen.headers().contains("Expect")).isFalse();
    }

    @Test
    void answersARefusedExpectingRequestWithoutA100() {
        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("POST", "nobody.localhost", "/", "Content-Length: 5", "Expect: 100-continue"));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("Ferry-Error")).isEqualTo("no_such_app");
            assertThat(c.closedByPeer()).isTrue();
        }
        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("POST", "app.localhost", "/", "Content-Length: 500", "Expect: 100-continue"));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Ferry-Error")).isEqualTo("payload_too_large");
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(backend.connections.get()).isZero();
    }

    /** Sends its own 100 Continue at the head, then answers "done" at the end of the body. */
    private static final class ContinuesThenAnswers extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last) {
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer("done", StandardCharsets.UTF_8));
                HttpUtil.setContentLength(r, 4);
                ctx.writeAndFlush(r);
            }
        }
    }
}
