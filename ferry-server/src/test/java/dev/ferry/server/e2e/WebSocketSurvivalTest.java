package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Endpoint;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.WebSocketEchoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An open WebSocket survives every kind of route change: nginx and HAProxy drop or pin it on reload. */
class WebSocketSurvivalTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsWebSocketAcrossAThousandRouteChangesAndTheRemovalOfItsPoolMates() throws Exception {
        try (WebSocketEchoServer ws = new WebSocketEchoServer(); Backend other = Backend.start("other");
                Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
            assertThat(api.post("/api/routes", "{\"domain\":\"ws.local\",\"targetUrl\":\"" + ws.url() + "\"}").statusCode()).isEqualTo(201);

            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Host", "ws.local")
                    .buildAsync(URI.create("ws://127.0.0.1:" + platform.httpPort() + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            received.add(data.toString());
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("before", true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo before");

            // Pool mates join and leave the WebSocket's own route; a thousand other routes change.
            var registry = platform.registry();
            for (int i = 0; i < 1000; i++) {
                registry.addEndpoint("other" + (i % 50) + ".local", Endpoint.of("127.0.0.1", other.port()), Optional.empty());
                if (i % 3 == 0) {
                    registry.removeRoute("other" + (i % 50) + ".local");
                }
                if (i % 100 == 0) {
                    registry.addEndpoint("ws.local", Endpoint.of("127.0.0.1", other.port()), Optional.empty());
                    registry.removeEndpoint("ws.local", Endpoint.of("127.0.0.1", other.port()).id());
                }
            }
            socket.sendText("during", true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo during");

            // Even the removal of its whole route leaves the open connection alone.
            assertThat(api.delete("/api/routes/ws.local").statusCode()).isEqualTo(204);
            socket.sendText("after", true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo after");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }
}
