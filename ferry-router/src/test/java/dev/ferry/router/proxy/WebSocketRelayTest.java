package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSocketRelayTest {

    private final RouterFixture fx = new RouterFixture(b -> b.idleTimeout(Duration.ofSeconds(5)));

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void keepsWebSocketAcrossRouteChanges() throws Exception {
        TestBackend ws = fx.track(TestBackend.start(fx.group, "ws", TestBackend::webSocketEcho));
        TestBackend other = fx.track(TestBackend.text(fx.group, "other", "not a websocket"));
        // java.net.http sends Host: 127.0.0.1:<port>, which is the route's domain here
        Route own = new Route("127.0.0.1", List.of(ws.endpoint(), other.endpoint()), RoutePolicy.DEFAULT);
        fx.routes.set(own);

        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + fx.port() + "/ws"), new Collector(received))
                .get(10, TimeUnit.SECONDS);

        socket.sendText("one", true).get(5, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: one");

        for (int i = 0; i < 1000; i++) {
            List<Route> routes = new ArrayList<>();
            routes.add(own);
            routes.add(new Route("app" + i + ".localhost", List.of(Endpoint.of("127.0.0.1", 1000 + i)), RoutePolicy.DEFAULT));
            fx.routes.set(routes.toArray(Route[]::new));
        }
        fx.routes.set(new Route("127.0.0.1", List.of(ws.endpoint()), RoutePolicy.DEFAULT));
        socket.sendText("two", true).get(5, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: two");

        fx.routes.set();
        socket.sendText("three", true).get(5, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: three");
        assertThat(fx.routes.started(ws.endpoint())).isEqualTo(1);
        assertThat(fx.routes.finished(ws.endpoint())).isZero();

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> fx.routes.finished(ws.endpoint()) == 1);
        assertThat(fx.log.poll(5, TimeUnit.SECONDS).status()).isEqualTo(101);
    }

    @Test
    void closesAnIdleWebSocket() throws Exception {
        try (RouterFixture quick = new RouterFixture(b -> b.idleTimeout(Duration.ofMillis(500)))) {
            TestBackend ws = quick.track(TestBackend.start(quick.group, "ws", TestBackend::webSocketEcho));
            quick.routes.set(new Route("127.0.0.1", List.of(ws.endpoint()), RoutePolicy.DEFAULT));
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            Collector collector = new Collector(received);
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + quick.port() + "/ws"), collector)
                    .get(10, TimeUnit.SECONDS);

            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("closed");
        }
    }

    private record Collector(LinkedBlockingQueue<String> received) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            received.add("closed");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            received.add("closed");
        }
    }
}
