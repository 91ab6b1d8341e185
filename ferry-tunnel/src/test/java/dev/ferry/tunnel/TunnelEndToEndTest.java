package dev.ferry.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.tunnel.agent.TunnelAgent;
import dev.ferry.tunnel.gateway.TunnelGateway;
import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.log.AccessLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TunnelEndToEndTest {

    private static final String PREVIEW = "hello--dev.localhost";
    private static final String APP_HOST = "hello.localhost";

    private TunnelFixture f;
    private LocalApp device;

    @BeforeEach
    void start() throws Exception {
        f = new TunnelFixture();
        device = new LocalApp("device");
    }

    @AfterEach
    void stop() {
        device.close();
        f.close();
    }

    private RawHttp.Response get(String host, String path) throws Exception {
        return RawHttp.getStreamed(f.httpPort(), host, path);
    }

    private void awaitServing(String host, String greeting) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(get(host, "/").text()).startsWith(greeting));
    }

    @Test
    void servesTheLocalAppAtThePreviewNameThroughTheRouter() throws Exception {
        f.startGateway(0, "gw1");
        TunnelFixture.Events events = new TunnelFixture.Events();
        f.agent("hello", TunnelFixture.ALICE, device.port(), false, events);
        awaitServing(PREVIEW, "device");
        RawHttp.Response r = get(PREVIEW, "/some/path?q=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("device GET /some/path");
        assertThat(events.lines).anyMatch(l -> l.startsWith("connected") && l.contains(PREVIEW));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events.requests)
                .anyMatch(q -> q.method().equals("GET") && q.path().equals("/some/path?q=1") && q.status() == 200));
        assertThat(f.registry.table().route(PREVIEW).endpoints()).singleElement().matches(Endpoint::tunnel);
    }

    @Test
    void reportsEachAgentWithItsConnectionTimeLastHeartbeatAndRelayedConnections() throws Exception {
        TunnelGateway gateway = f.startGateway(0, "gw1");
        assertThat(gateway.connected()).isEmpty();
        java.time.Instant before = java.time.Instant.now();
        f.agent("hello", TunnelFixture.ALICE, device.port(), false, null);
        awaitServing(PREVIEW, "device");
        for (int i = 0; i < 3; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.httpPort())) { // a new connection each time
                s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + PREVIEW + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).contains("device");
            }
        }

        dev.ferry.core.route.TunnelAgent agent = gateway.connected().getFirst();

        assertThat(gateway.connected()).hasSize(1);
        assertThat(agent.app()).isEqualTo("hello");
        assertThat(agent.userId()).isEqualTo(1);
        assertThat(agent.client()).isEqualTo("127.0.0.1");
        assertThat(agent.hosts()).containsExactly(PREVIEW);
        assertThat(agent.tunnelId()).isEqualTo(f.registry.table().route(PREVIEW).endpoints().getFirst().id());
        assertThat(agent.connectedSince()).isBetween(before.minusMillis(1), java.time.Instant.now());
        assertThat(agent.lastHeard()).as("the agent's answers were read after it connected")
                .isAfter(agent.connectedSince());
        assertThat(agent.connections()).as("the router keeps its connections to a tunnel open: fewer than requests")
                .isBetween(1L, 4L);
    }

    @Test
    void refusesATokenOfAnotherUserWithAClearMessage() throws Exception {
        f.startGateway(0, "gw1");
        TunnelFixture.Events events = new TunnelFixture.Events();
        TunnelAgent agent = f.agent("hello", TunnelFixture.BOB, device.port(), true, events);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.stopped().isDone());
        assertThat(agent.stopped()).isCompletedExceptionally();
        assertThat(events.refusal).contains("bob@example.com may not use the app hello");
        assertThat(f.registry.table().route(PREVIEW)).isNull();
        assertThat(f.registry.table().route(APP_HOST)).isNull();
        assertThat(get(PREVIEW, "/").status()).isEqualTo(404);
    }

    @Test
    void answersAppOfflineWithRetryAfterWhenTheDeviceGoes() throws Exception {
        f.startGateway(0, "gw1");
        TunnelAgent agent = f.agent("hello", TunnelFixture.ALICE, device.port(), false, null);
        awaitServing(PREVIEW, "device");
        agent.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            RawHttp.Response r = get(PREVIEW, "/");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Ferry-Error")).isEqualTo("app_offline");
            assertThat(r.header("Retry-After")).isNotBlank();
        });
    }

    @Test
    void takesTheAppsNamesOverAndFallsBackToHostedInstancesAndBack() throws Exception {
        try (LocalApp hosted = new LocalApp("hosted")) {
            f.registry.putRoute(APP_HOST, RoutePolicy.DEFAULT);
            f.registry.addEndpoint(APP_HOST, Endpoint.of("127.0.0.1", hosted.port()), Optional.empty());
            awaitServing(APP_HOST, "hosted");
            f.startGateway(0, "gw1");
            TunnelAgent first = f.agent("hello", TunnelFixture.ALICE, device.port(), true, null);
            awaitServing(APP_HOST, "device");
            for (int i = 0; i < 10; i++) {
                assertThat(get(APP_HOST, "/").text()).startsWith("device");
            }
            first.close();
            awaitServing(APP_HOST, "hosted");
            assertThat(f.registry.table().route(APP_HOST).policy().tunnel()).isFalse();
            f.agent("hello", TunnelFixture.ALICE, device.port(), true, null);
            awaitServing(APP_HOST, "device");
        }
    }

    @Test
    void fallsBackAtOnceWhileKeepAliveConnectionsToTheTunnelAreOpen() throws Exception {
        try (LocalApp hosted = new LocalApp("hosted")) {
            f.registry.putRoute(APP_HOST, RoutePolicy.DEFAULT);
            f.registry.addEndpoint(APP_HOST, Endpoint.of("127.0.0.1", hosted.port()), Optional.empty());
            f.startGateway(0, "gw1");
            TunnelAgent agent = f.agent("hello", TunnelFixture.ALICE, device.port(), true, null);
            awaitServing(APP_HOST, "device");
            try (Socket s = new Socket("127.0.0.1", f.httpPort())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                byte[] request = ("GET / HTTP/1.1\r\nHost: " + APP_HOST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                out.write(request);
                assertThat(RawHttp.over(s).readStreamed().text()).startsWith("device");
                Thread.currentThread().interrupt();
                agent.close();
                assertThat(Thread.interrupted()).isTrue();
                // An open stream must not hold the device's endpoint in the pool (HTTP/2 graceful close would).
                await().atMost(Duration.ofSeconds(2)).until(() ->
                        f.registry.table().route(APP_HOST).endpoints().stream().noneMatch(Endpoint::tunnel));
                out.write(request);
                assertThat(RawHttp.over(s).readStreamed().text()).startsWith("hosted");
            }
        }
    }

    @Test
    void answersBackendRefusedWhenTheLocalPortRefuses() throws Exception {
        f.startGateway(0, "gw1");
        int closedPort = device.port();
        device.close();
        f.agent("hello", TunnelFixture.ALICE, closedPort, false, null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            RawHttp.Response r = get(PREVIEW, "/");
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.header("Ferry-Error")).isEqualTo("backend_refused");
        });
    }

    @Test
    void answersBackendTimeoutWhenTheLocalAppNeverAnswers() throws Exception {
        f.startGateway(0, "gw1");
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // reads nothing, answers nothing
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            f.agent("hello", TunnelFixture.ALICE, silent.getLocalPort(), false, null);
            Router impatient = new Router(RouterConfig.builder().bindAddress("127.0.0.1").httpPort(0)
                    .responseTimeout(Duration.ofSeconds(1)).build(), f.routes, f.transport, f.group,
                    new SimpleMeterRegistry(), AccessLog.NONE);
            impatient.start();
            try {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    RawHttp.Response r = RawHttp.getStreamed(impatient.httpPort(), PREVIEW, "/");
                    assertThat(r.status()).isEqualTo(504);
                    assertThat(r.header("Ferry-Error")).isEqualTo("backend_timeout");
                });
            } finally {
                impatient.close();
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void reconnectsAfterTheGatewayRestartsAndWhenTheFirstAttemptFails() throws Exception {
        TunnelFixture.Events events = new TunnelFixture.Events();
        f.apiDown = true;
        f.agent("hello", TunnelFixture.ALICE, device.port(), false, events);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.count("retrying") >= 2);
        f.apiDown = false;
        TunnelGateway g = f.startGateway(0, "gw1");
        int port = g.port();
        awaitServing(PREVIEW, "device");
        f.stopGateway(g);
        f.startGateway(port, "gw1");
        awaitServing(PREVIEW, "device");
        assertThat(events.count("disconnected")).isGreaterThanOrEqualTo(1);
        assertThat(events.count("connected")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void holdsTwoGatewaysAndServesThroughTheOtherWhenOneDies() throws Exception {
        TunnelGateway a = f.startGateway(0, "gw1");
        TunnelGateway b = f.startGateway(0, "gw2");
        TunnelAgent agent = f.agent("hello", TunnelFixture.ALICE, device.port(), false, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.connectedCount() == 2);
        // The agent counts a gateway once its hello is answered; the gateway registers the tunnel just after.
        await().atMost(Duration.ofSeconds(5)).until(() -> a.tunnelCount() == 1 && b.tunnelCount() == 1);
        awaitServing(PREVIEW, "device");
        f.stopGateway(a);
        for (int i = 0; i < 20; i++) {
            assertThat(get(PREVIEW, "/").status()).isEqualTo(200);
        }
    }

    @Test
    void aSecondAgentForTheSameAppJoinsThePool() throws Exception {
        f.startGateway(0, "gw1");
        try (LocalApp second = new LocalApp("second")) {
            f.agent("hello", TunnelFixture.ALICE, device.port(), false, null);
            awaitServing(PREVIEW, "device");
            f.agent("hello", TunnelFixture.ALICE, second.port(), false, null);
            await().atMost(Duration.ofSeconds(10)).until(() -> f.registry.table().route(PREVIEW).endpoints().size() == 2);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < 10; i++) {
                seen.add(get(PREVIEW, "/").text().split(" ")[0]);
            }
            assertThat(seen).containsExactlyInAnyOrder("device", "second");
        }
    }

}
