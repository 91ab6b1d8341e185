package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    private final RouterFixture fx = new RouterFixture(b -> b
            .requestHeaderTimeout(Duration.ofMillis(300))
            .idleTimeout(Duration.ofMillis(800)));

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void answersRequestTimeoutWhenTheHeadIsLate() {
        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send("GET / HTTP/1.1\r\nHost: app.loc");
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("Ferry-Error")).isEqualTo("request_timeout");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void leavesAKeptAliveConnectionToTheIdleTimeout() throws Exception {
        try (RouterFixture patient = new RouterFixture(b -> b
                .requestHeaderTimeout(Duration.ofMillis(300))
                .idleTimeout(Duration.ofSeconds(5)))) {
            TestBackend a = patient.track(TestBackend.text(patient.group, "a", "ok"));
            patient.routes.set(new Route("app.localhost", List.of(a.endpoint()), RoutePolicy.DEFAULT));
            try (RawHttp c = RawHttp.connect(patient.port())) {
                c.send(RawHttp.request("GET", "app.localhost", "/"));
                assertThat(c.read().status()).isEqualTo(200);
                Thread.sleep(900);
                c.send(RawHttp.request("GET", "app.localhost", "/"));
                assertThat(c.read().status()).isEqualTo(200);
                // a head begun and left unfinished still times out
                c.send("GET / HTTP/1.1\r\nHost: app.local");
                assertThat(c.read().status()).isEqualTo(408);
            }
        }
    }

    @Test
    void closesAStreamWithoutTrafficAfterTheIdleTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        TestBackend sse = fx.track(TestBackend.start(fx.group, "sse", p -> p.addLast(new TestBackend.Sse(never))));
        fx.routes.set(new Route("events.localhost", List.of(sse.endpoint()), RoutePolicy.DEFAULT));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("GET", "events.localhost", "/"));
            assertThat(c.readHead().status()).isEqualTo(200);
            assertThat(new String(c.readChunk(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("data: first\n\n");
            assertThat(c.closedByPeer()).isTrue();
        } finally {
            never.countDown();
        }
    }
}
