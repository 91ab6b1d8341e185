package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import dev.ferry.router.log.AccessLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionHandlingTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    /** Answers the first request of each connection; closes the connection at the second without a word. */
    private static final class DiesOnSecondRequest extends ChannelInboundHandlerAdapter {
        private int requests;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (!last) {
                return;
            }
            if (++requests > 1) {
                ctx.close();
                return;
            }
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("fresh", StandardCharsets.UTF_8));
            HttpUtil.setContentLength(r, 5);
            ctx.writeAndFlush(r);
        }
    }

    @Test
    void retriesOnAFreshConnectionWhenAPooledOneDies() {
        TestBackend flaky = fx.track(TestBackend.start(fx.group, "flaky", p -> p.addLast(new DiesOnSecondRequest())));
        fx.routes.set(new Route("app.localhost", List.of(flaky.endpoint()), RoutePolicy.DEFAULT));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            for (int i = 0; i < 3; i++) {
                c.send(RawHttp.request("GET", "app.localhost", "/"));
                RawHttp.Response r = c.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo("fresh");
            }
        }
        assertThat(flaky.connections.get()).isEqualTo(3);
        await().atMost(5, TimeUnit.SECONDS).until(() -> fx.routes.outstanding() == 0);
        assertThat(fx.routes.started(flaky.endpoint())).isEqualTo(5);
    }

    @Test
    void servesHttp10ClientsWithACloseDelimitedBody() {
        CountDownLatch now = new CountDownLatch(0);
        TestBackend sse = fx.track(TestBackend.start(fx.group, "sse", p -> p.addLast(new TestBackend.Sse(now))));
        fx.routes.set(new Route("app.localhost", List.of(sse.endpoint()), RoutePolicy.DEFAULT));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send("GET / HTTP/1.0\r\nHost: app.localhost\r\n\r\n");
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Transfer-Encoding")).isNull();
            assertThat(r.text()).isEqualTo("data: first\n\ndata: last\n\n");
        }
    }

    @Test
    void forwardsAChunkedUploadAndAnswersExpectContinue() {
        TestBackend sink = fx.track(TestBackend.start(fx.group, "sink", p -> p.addLast(new TestBackend.UploadSink())));
        fx.routes.set(new Route("app.localhost", List.of(sink.endpoint()), RoutePolicy.DEFAULT));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("POST", "app.localhost", "/", "Transfer-Encoding: chunked", "Expect: 100-continue"));
            assertThat(c.readHead().status()).isEqualTo(100);
            c.send("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).startsWith("11 ");
        }
        TestBackend.Seen seen = sink.requests.poll();
        assertThat(seen.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(seen.headers().contains("Expect")).isFalse();
    }

    @Test
    void refusesBodiesOverTheLimit() {
        try (RouterFixture limited = new RouterFixture(b -> b.maxRequestBodyBytes(10))) {
            TestBackend sink = limited.track(TestBackend.start(limited.group, "sink", p -> p.addLast(new TestBackend.UploadSink())));
            limited.routes.set(new Route("app.localhost", List.of(sink.endpoint()), RoutePolicy.DEFAULT));
            try (RawHttp c = RawHttp.connect(limited.port())) {
                c.send(RawHttp.request("POST", "app.localhost", "/", "Content-Length: 11") + "hello world");
                RawHttp.Response r = c.read();
                assertThat(r.status()).isEqualTo(413);
                assertThat(r.header("Ferry-Error")).isEqualTo("payload_too_large");
                assertThat(c.closedByPeer()).isTrue();
            }
            try (RawHttp c = RawHttp.connect(limited.port())) {
                c.send(RawHttp.request("POST", "app.localhost", "/", "Transfer-Encoding: chunked") + "8\r\n12345678\r\n");
                c.send("8\r\n12345678\r\n");
                RawHttp.Response r = c.read();
                assertThat(r.status()).isEqualTo(413);
                assertThat(c.closedByPeer()).isTrue();
            }
        }
    }

    @Test
    void refusesToStartOnATakenPort() {
        RouterConfig taken = RouterConfig.builder().httpPort(fx.port()).build();
        Router second = new Router(taken, fx.routes, new Transport(false), fx.group, new SimpleMeterRegistry(), AccessLog.NONE);

        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot listen for HTTP on 127.0.0.1:" + fx.port());
        second.close();
    }

    @Test
    void letsARequestInFlightFinishWhenClosing() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        try (RouterFixture draining = new RouterFixture(b -> b.shutdownGracePeriod(java.time.Duration.ofSeconds(5)))) {
            TestBackend sse = draining.track(TestBackend.start(draining.group, "sse", p -> p.addLast(new TestBackend.Sse(end))));
            draining.routes.set(new Route("app.localhost", List.of(sse.endpoint()), RoutePolicy.DEFAULT));
            try (RawHttp c = RawHttp.connect(draining.port()); RawHttp idle = RawHttp.connect(draining.port())) {
                c.send(RawHttp.request("GET", "app.localhost", "/"));
                assertThat(c.readHead().status()).isEqualTo(200);
                assertThat(c.readChunk()).isNotNull();

                Thread closer = new Thread(draining.router::close);
                closer.start();
                assertThat(idle.closedByPeer()).isTrue();
                end.countDown();
                assertThat(new String(c.readChunk(), StandardCharsets.UTF_8)).isEqualTo("data: last\n\n");
                assertThat(c.readChunk()).isNull();
                assertThat(c.closedByPeer()).isTrue();
                closer.join(10_000);
                assertThat(closer.isAlive()).isFalse();
            }
        }
    }
}
