package dev.ferry.control.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.control.RunningControlServer;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.core.store.AppName;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run WebSocket and run:detached against a real control server: what they refuse, and that a refusal runs nothing. */
class RunSocketTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningControlServer api = new RunningControlServer();

    @BeforeEach
    void createApp() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void deploy() {
        new Reconciler(api.store, api.store, api.runtime).release(HELLO, () -> api.store.createDeployRelease(HELLO, "slug-1",
                "abcdef0123", Map.of("web", "./server.sh"), api.admin.id()), line -> { });
    }

    /** The frames a session got until the server closed it. */
    private record Session(List<JsonNode> texts, ByteArrayOutputStream stdout, int closeStatus) {
    }

    private Session session(String token, String app, String... texts) throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(api.baseUrl().replace("http", "ws") + "/api/apps/" + app + "/run/attach"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                try {
                                    received.add(JSON.readTree(data.toString()));
                                } catch (Exception e) {
                                    closed.completeExceptionally(e);
                                }
                                w.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                                byte[] b = new byte[data.remaining()];
                                data.get(b);
                                synchronized (out) {
                                    out.write(b, 0, b.length);
                                }
                                w.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                                closed.complete(status);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
        for (String text : texts) {
            ws.sendText(text, true).get(10, TimeUnit.SECONDS);
        }
        return new Session(received, out, closed.get(20, TimeUnit.SECONDS));
    }

    @Test
    void runsTheWordsAndEndsWithTheExitCode() throws Exception {
        deploy();

        Session s = session(api.adminToken, "hello", "{\"command\":[\"sh\",\"-c\",\"echo $A; exit 3\"],\"env\":{\"A\":\"x y\"}}");

        assertThat(s.texts().getFirst().get("started").asText()).startsWith("run.");
        assertThat(s.texts().getLast()).isEqualTo(JSON.readTree("{\"exit\":3}"));
        assertThat(s.stdout().toString(StandardCharsets.UTF_8)).isEqualTo("\u0001x y\n");
        assertThat(s.closeStatus()).isEqualTo(1000);
    }

    @Test
    void refusesABadFirstFrameAndRunsNothing() throws Exception {
        deploy();
        List<String> bad = List.of("not json", "{\"command\":\"echo hi\"}", "{\"command\":[]}", "{\"command\":[1]}",
                "{\"command\":[\"echo\"],\"env\":{\"1X\":\"2\"}}", "{\"command\":[\"echo\"],\"terminal\":{\"columns\":0,\"rows\":5}}",
                "{\"command\":[\"echo\"],\"other\":1}", "{\"command\":[\"a\\u0000b\"]}");
        for (String frame : bad) {
            Session s = session(api.adminToken, "hello", frame);

            assertThat(s.texts()).as(frame).hasSize(1);
            assertThat(s.texts().getFirst().path("error").asText()).as(frame).isNotBlank();
            assertThat(s.texts().getFirst().path("code").asText()).as(frame).isIn("bad_request", "invalid_config");
        }
        assertThat(api.runtime.calls).noneMatch(c -> c.startsWith("run "));
    }

    @Test
    void saysThereIsNothingToRunBeforeTheFirstRelease() throws Exception {
        Session s = session(api.adminToken, "hello", "{\"command\":[\"echo\",\"hi\"]}");

        assertThat(s.texts().getFirst().get("code").asText()).isEqualTo("no_release");
    }

    @Test
    void refusesTheUpgradeWithoutAValidTokenOrAccess() {
        assertThatThrownBy(() -> session("nope", "hello")).cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
        String bob = api.newUser("bob@example.com");
        assertThatThrownBy(() -> session(bob, "hello")).cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(404));
    }

    @Test
    void refusesBadDetachedRunsAndRunsNothing() {
        deploy();
        for (String body : List.of("{}", "{\"command\":\"echo hi\"}", "{\"command\":[\"echo\"],\"terminal\":{\"columns\":80,\"rows\":24}}")) {
            HttpResponse<String> r = api.call("POST", "/api/apps/hello/run/detached", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
        }
        assertThat(api.runtime.calls).noneMatch(c -> c.startsWith("run "));
    }

    @Test
    void refusesADetachedRunOnARuntimeWithoutOne() throws ExecutionException, InterruptedException {
        deploy();

        HttpResponse<String> r = api.call("POST", "/api/apps/hello/run/detached", "{\"command\":[\"echo\",\"hi\"]}");

        // the test runtime runs on pipes only; the local runtime's detached runs are tested end to end
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("pipes only");
    }

    @Test
    void endsASessionWhoseProcessDoesNotReadItsInput() throws Exception {
        deploy();
        CompletableFuture<JsonNode> last = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + api.adminToken)
                .buildAsync(URI.create(api.baseUrl().replace("http", "ws") + "/api/apps/hello/run/attach"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean l) {
                                try {
                                    JsonNode frame = JSON.readTree(data.toString());
                                    if (frame.has("error") || frame.has("exit")) {
                                        last.complete(frame);
                                    }
                                } catch (Exception e) {
                                    last.completeExceptionally(e);
                                }
                                w.request(1);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"command\":[\"sleep\",\"30\"]}", true).get(10, TimeUnit.SECONDS);
        byte[] chunk = new byte[60_000];
        for (int sent = 0; sent <= RunSession.MAX_QUEUED_INPUT + 2 * chunk.length && !last.isDone(); sent += chunk.length) {
            ws.sendBinary(ByteBuffer.wrap(chunk), true).get(10, TimeUnit.SECONDS);
        }

        assertThat(last.get(10, TimeUnit.SECONDS).path("code").asText()).isEqualTo("input_overflow");
    }
}
