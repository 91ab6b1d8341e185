package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.router.log.AccessLogEntry;
import dev.ferry.router.metrics.RouterMetrics;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyRoutingTest {

    private final RouterFixture fx = new RouterFixture(b -> b.responseTimeout(Duration.ofMillis(700)));

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static Route route(String domain, Endpoint... endpoints) {
        return new Route(domain, List.of(endpoints), RoutePolicy.DEFAULT);
    }

    private static Endpoint closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return Endpoint.of("127.0.0.1", s.getLocalPort());
        }
    }

    @Test
    void proxiesToTheRouteOfTheHostAndStripsHopByHopHeadersOfTheResponse() {
        TestBackend a = fx.track(TestBackend.text(fx.group, "a", "hello from a"));
        fx.routes.set(route("app.localhost", a.endpoint()));

        RawHttp.Response r = RawHttp.get(fx.port(), "App.Localhost:8080", "/path?q=1");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("hello from a");
        assertThat(r.header("X-Hop")).isNull();
        assertThat(r.header("Via")).isEqualTo("1.1 ferry");
        assertThat(r.header("X-Request-Id")).isNotBlank();
        assertThat(a.requests.poll().uri()).isEqualTo("/path?q=1");
    }

    @Test
    void showsTheBackendWhereTheRequestCameFrom() throws InterruptedException {
        TestBackend a = fx.track(TestBackend.text(fx.group, "a", "ok"));
        fx.routes.set(route("app.localhost", a.endpoint()));

        RawHttp.get(fx.port(), "app.localhost:" + fx.port(), "/", "X-Forwarded-For: 6.6.6.6", "Connection: keep-alive, X-Drop",
                "Forwarded: for=6.6.6.6;proto=https", "X-Real-IP: 6.6.6.6", "X-Drop: 1", "Keep-Alive: timeout=5", "Cookie: a=b", "X-Request-Id: bad id!");

        TestBackend.Seen seen = a.requests.poll(5, TimeUnit.SECONDS);
        assertThat(seen.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(seen.headers().getAll("Forwarded"))
                .containsExactly("for=127.0.0.1;proto=http;host=\"app.localhost:" + fx.port() + "\"");
        assertThat(seen.headers().getAll("X-Real-IP")).containsExactly("127.0.0.1");
        assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.headers().get("X-Forwarded-Port")).isEqualTo(Integer.toString(fx.port()));
        assertThat(seen.headers().get("X-Forwarded-Host")).isEqualTo("app.localhost:" + fx.port());
        assertThat(seen.headers().get("X-Request-Id")).hasSize(36);
        assertThat(Long.parseLong(seen.headers().get("X-Request-Start"))).isPositive();
        assertThat(seen.headers().get("Via")).isEqualTo("1.1 ferry");
        assertThat(seen.headers().get("Cookie")).isEqualTo("a=b");
        assertThat(seen.headers().contains("X-Drop")).isFalse();
        assertThat(seen.headers().contains("Keep-Alive")).isFalse();
        assertThat(seen.headers().contains("Connection")).isFalse();
    }

    @Test
    void answersBackendResetWhenTheBackendHangsUp() {
        TestBackend rude = fx.track(TestBackend.start(fx.group, "rude", p -> p.addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                io.netty.util.ReferenceCountUtil.release(msg);
                ctx.close();
            }
        })));
        fx.routes.set(route("app.localhost", rude.endpoint()));

        RawHttp.Response r = RawHttp.get(fx.port(), "app.localhost", "/");

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("Ferry-Error")).isEqualTo("backend_reset");
    }

    @Test
    void retriesAnIdempotentRequestOnAnotherEndpointWhenOneHangsUpBeforeAnswering() {
        AtomicInteger connectionsToRude = new java.util.concurrent.atomic.AtomicInteger();
        TestBackend rude = fx.track(hangsUpOnEveryRequest(connectionsToRude));
        TestBackend good = fx.track(TestBackend.text(fx.group, "good", "ok"));
        fx.routes.set(route("app.localhost", rude.endpoint(), good.endpoint()));

        for (int i = 0; i < 4; i++) {
            RawHttp.Response r = RawHttp.get(fx.port(), "app.localhost", "/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("ok");
        }
        assertThat(connectionsToRude.get()).isPositive();
    }

    @Test
    void neverRetriesAPostThatReachedABackend() throws IOException {
        AtomicInteger connectionsToRude = new java.util.concurrent.atomic.AtomicInteger();
        TestBackend rude = fx.track(hangsUpOnEveryRequest(connectionsToRude));
        fx.routes.set(route("app.localhost", rude.endpoint()));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("POST", "app.localhost", "/", "Content-Length: 0"));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.header("Ferry-Error")).isEqualTo("backend_reset");
        }
        assertThat(connectionsToRude.get()).isEqualTo(1);
    }

    private TestBackend hangsUpOnEveryRequest(AtomicInteger seen) {
        return TestBackend.start(fx.group, "rude", p -> p.addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(io.netty.channel.ChannelHandlerContext ctx) {
                seen.incrementAndGet(); // one per connection, however the request's bytes arrive
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                io.netty.util.ReferenceCountUtil.release(msg);
                ctx.close();
            }
        }));
    }

    @Test
    void answersNoSuchAppForAnUnknownHost() {
        RawHttp.Response r = RawHttp.get(fx.port(), "nobody.localhost", "/");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Ferry-Error")).isEqualTo("no_such_app");
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.text()).contains("no_such_app");
    }

    @Test
    void answersJsonErrorsWhenTheClientPrefersJson() {
        RawHttp.Response r = RawHttp.get(fx.port(), "nobody.localhost", "/", "Accept: application/json");

        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"error\":\"No app is served at this address.\",\"code\":\"no_such_app\"}");
    }

    @Test
    void answersTheMaintenancePageWhileTheRouteIsInMaintenanceAndPassesNothingToThePool() {
        TestBackend a = fx.track(TestBackend.text(fx.group, "a", "hello from a"));
        Route serving = route("app.localhost", a.endpoint());
        fx.routes.set(serving.withPolicy(serving.policy().withMaintenance(true)));

        RawHttp.Response r = RawHttp.get(fx.port(), "app.localhost", "/");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Ferry-Error")).isEqualTo("maintenance");
        assertThat(r.text()).contains("down for maintenance");
        assertThat(a.requests).isEmpty();

        fx.routes.set(serving);
        assertThat(RawHttp.get(fx.port(), "app.localhost", "/").text()).isEqualTo("hello from a");
    }

    @Test
    void answersNoHealthyInstanceForAnEmptyPool() {
        fx.routes.set(route("empty.localhost"));

        RawHttp.Response r = RawHttp.get(fx.port(), "empty.localhost", "/");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Ferry-Error")).isEqualTo("no_healthy_instance");
    }

    @Test
    void answersBadRequestWithoutHost() {
        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("GET", null, "/"));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Ferry-Error")).isEqualTo("bad_request");
        }
    }

    @Test
    void refusesTooLongRequestLinesAndHeadersAndClosesTheConnection() {
        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("GET", "app.localhost", "/" + "a".repeat(9000)));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(414);
            assertThat(r.header("Ferry-Error")).isEqualTo("uri_too_long");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByPeer()).isTrue();
        }
        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("GET", "app.localhost", "/", "X-Big: " + "b".repeat(70_000)));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(431);
            assertThat(r.header("Ferry-Error")).isEqualTo("headers_too_large");
        }
    }

    @Test
    void answersBackendRefusedWhenEveryEndpointRefuses() throws IOException {
        Endpoint dead = closedPort();
        fx.routes.set(route("app.localhost", dead));

        RawHttp.Response r = RawHttp.get(fx.port(), "app.localhost", "/");

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("Ferry-Error")).isEqualTo("backend_refused");
        assertThat(fx.routes.failed(dead)).isEqualTo(1);
        assertThat(fx.routes.started(dead)).isZero();
    }

    @Test
    void retriesARefusedConnectOnAnotherEndpointUnseenByTheClient() throws IOException {
        Endpoint dead = closedPort();
        TestBackend live = fx.track(TestBackend.text(fx.group, "live", "ok"));
        fx.routes.set(route("app.localhost", dead, live.endpoint()));

        for (int i = 0; i < 4; i++) {
            RawHttp.Response r = RawHttp.get(fx.port(), "app.localhost", "/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-Backend")).isEqualTo("live");
        }
        // FixedRoutes has no passive health: round-robin puts the dead endpoint first every time
        assertThat(fx.routes.failed(dead)).isEqualTo(4);
        assertThat(fx.routes.started(dead)).isZero();
        await().atMost(5, TimeUnit.SECONDS).until(() -> fx.routes.outstanding() == 0);
    }

    @Test
    void answersBackendTimeoutWhenNoFirstByteArrives() {
        TestBackend silent = fx.track(TestBackend.start(fx.group, "silent", p -> p.addLast(new TestBackend.Silent())));
        fx.routes.set(route("app.localhost", silent.endpoint()));

        RawHttp.Response r = RawHttp.get(fx.port(), "app.localhost", "/");

        assertThat(r.status()).isEqualTo(504);
        assertThat(r.header("Ferry-Error")).isEqualTo("backend_timeout");
        await().atMost(5, TimeUnit.SECONDS).until(() -> fx.routes.finished(silent.endpoint()) == 1);
    }

    @Test
    void closesTheClientWithoutRetryWhenTheBackendFailsMidResponse() throws IOException {
        TestBackend half = fx.track(TestBackend.start(fx.group, "half", p -> p.addLast(new TestBackend.HalfThenClose())));
        TestBackend other = fx.track(TestBackend.text(fx.group, "other", "never"));
        fx.routes.set(route("app.localhost", half.endpoint(), other.endpoint()));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("GET", "app.localhost", "/"));
            RawHttp.Response head = c.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("100");
            byte[] rest = c.in().readNBytes(100);
            assertThat(rest).hasSize(10);
        }
        assertThat(other.requests).isEmpty();
        assertThat(fx.routes.started(other.endpoint())).isZero();
    }

    @Test
    void reusesBackendConnectionsAcrossClientConnections() {
        TestBackend a = fx.track(TestBackend.text(fx.group, "a", "x"));
        fx.routes.set(route("app.localhost", a.endpoint()));

        for (int i = 0; i < 5; i++) {
            assertThat(RawHttp.get(fx.port(), "app.localhost", "/").status()).isEqualTo(200);
        }
        // each client connection may land on another event loop: at most one backend connection per loop
        assertThat(a.connections.get()).isBetween(1, 2);
        assertThat(a.requests).hasSize(5);
    }

    @Test
    void answersPipelinedRequestsInOrder() {
        TestBackend a = fx.track(TestBackend.text(fx.group, "a", "a-body"));
        TestBackend b = fx.track(TestBackend.text(fx.group, "b", "b-body"));
        fx.routes.set(route("a.localhost", a.endpoint()), route("b.localhost", b.endpoint()));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("GET", "a.localhost", "/1") + RawHttp.request("GET", "b.localhost", "/2")
                    + RawHttp.request("GET", "nobody.localhost", "/3") + RawHttp.request("GET", "a.localhost", "/4"));
            assertThat(c.read().text()).isEqualTo("a-body");
            assertThat(c.read().text()).isEqualTo("b-body");
            assertThat(c.read().status()).isEqualTo(404);
            assertThat(c.read().text()).isEqualTo("a-body");
        }
    }

    @Test
    void recordsAccessLogAndMetrics() throws InterruptedException {
        TestBackend a = fx.track(TestBackend.text(fx.group, "a", "12345"));
        fx.routes.set(route("app.localhost", a.endpoint()));

        RawHttp.get(fx.port(), "app.localhost", "/logged", "X-Request-Id: trace-1");
        RawHttp.Response notFound = RawHttp.get(fx.port(), "nobody.localhost", "/missing");

        // an entry is logged once its response was flushed, so the two may arrive in either order
        AccessLogEntry first = fx.log.poll(5, TimeUnit.SECONDS);
        AccessLogEntry second = fx.log.poll(5, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        AccessLogEntry ok = first.host().equals("app.localhost") ? first : second;
        AccessLogEntry missing = ok == first ? second : first;
        assertThat(ok).isNotNull();
        assertThat(ok.host()).isEqualTo("app.localhost");
        assertThat(ok.method()).isEqualTo("GET");
        assertThat(ok.path()).isEqualTo("/logged");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.bytesOut()).isEqualTo(5);
        assertThat(ok.endpoint()).isEqualTo(a.endpoint().authority());
        assertThat(ok.requestId()).isEqualTo("trace-1");
        assertThat(ok.backendMs()).isGreaterThanOrEqualTo(0);
        assertThat(missing).isNotNull();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.endpoint()).isEqualTo("-");
        assertThat(missing.bytesOut()).as("Ferry's own error page counts as bytes out").isEqualTo(notFound.body().length);

        assertThat(fx.meters.get(RouterMetrics.REQUESTS).tags("route", "app.localhost", "status", "2xx").counter().count())
                .isEqualTo(1.0);
        assertThat(fx.meters.get(RouterMetrics.REQUESTS).tags("route", "-", "status", "4xx").counter().count())
                .isEqualTo(1.0);
        assertThat(fx.meters.get(RouterMetrics.DURATION).tags("status", "2xx").timer().count()).isEqualTo(1);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(fx.meters.get(RouterMetrics.BACKEND_CONNECTIONS).tags("state", "idle").gauge().value()).isEqualTo(1.0);
            assertThat(fx.meters.get(RouterMetrics.BACKEND_CONNECTIONS).tags("state", "active").gauge().value()).isZero();
            assertThat(fx.meters.get(RouterMetrics.OPEN_CONNECTIONS).gauge().value()).isZero();
        });
    }
}
