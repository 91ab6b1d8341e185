package dev.ferry.control.logs;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.testing.MemoryAppLogs;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogsApiTest {

    private static final AppName HELLO = AppName.of("hello");

    private final MemoryAppLogs logs = new MemoryAppLogs();
    private final List<AppName> drainChanges = new CopyOnWriteArrayList<>();
    private final RunningControlServer api = new RunningControlServer(
            store -> List.of(new LogsApi(store, store, store, logs, drainChanges::add, Duration.ofMillis(200), 2)));

    @BeforeEach
    void createApp() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void append(String process, String text) {
        logs.append(new LogLine(Instant.parse("2026-11-24T14:00:00.123456Z"), HELLO,
                process.equals("router") ? LogLine.ROUTER : LogLine.APP, process, text));
    }

    @Test
    void answersTheLastLinesInHerokusShape() {
        for (int i = 0; i < 5; i++) {
            append("web.1", "line " + i);
        }
        HttpResponse<String> r = api.call("GET", "/api/apps/hello/logs?lines=2", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body()).isEqualTo("2026-11-24T14:00:00.123456+00:00 app[web.1]: line 3\n"
                + "2026-11-24T14:00:00.123456+00:00 app[web.1]: line 4\n");
        assertThat(api.call("GET", "/api/apps/hello/logs", null).body().lines()).hasSize(5);
    }

    @Test
    void filtersByProcessType() {
        append("web.1", "a");
        append("worker.1", "b");
        append("router", "c");
        append("web.2", "d");
        assertThat(api.call("GET", "/api/apps/hello/logs?ps=web", null).body().lines())
                .extracting(l -> l.substring(l.indexOf(' ') + 1))
                .containsExactly("app[web.1]: a", "app[web.2]: d");
        assertThat(api.call("GET", "/api/apps/hello/logs?ps=router", null).body()).contains("router[router]: c");
    }

    @Test
    void refusesBadInputAndOtherUsers() {
        assertError(api.call("GET", "/api/apps/hello/logs?lines=-1", null), 400, "bad_request");
        assertError(api.call("GET", "/api/apps/hello/logs?lines=many", null), 400, "bad_request");
        assertError(api.call("GET", "/api/apps/nope/logs", null), 404, "app_not_found");
        String stranger = api.newUser("stranger@example.com");
        assertError(api.call("GET", "/api/apps/hello/logs", null, stranger), 404, "app_not_found");
        assertError(api.call("GET", "/api/apps/hello/drains", null, stranger), 404, "app_not_found");
    }

    @Test
    void streamsLinesAppendedAfterTheRequestBeganAndUnsubscribesOnDisconnect() throws Exception {
        append("web.1", "old");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/apps/hello/logs?tail=true&ps=web"))
                .header("Authorization", "Bearer " + RunningControlServer.TOKEN).build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).endsWith("app[web.1]: old");
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.followers(HELLO) == 1);
            append("worker.1", "not shown");
            append("web.1", "new");
            String next = in.readLine();
            while (next != null && next.isEmpty()) {
                next = in.readLine();
            }
            assertThat(next).endsWith("app[web.1]: new");
        }
        http.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            append("web.1", "anyone there?");
            return logs.followers(HELLO) == 0;
        });
    }

    @Test
    void addsListsAndRemovesDrains() {
        HttpResponse<String> added = api.call("POST", "/api/apps/hello/drains", "{\"url\":\"syslog://logs.example.com:514\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode drain = json(added);
        assertThat(drain.get("url").asText()).isEqualTo("syslog://logs.example.com:514");
        assertThat(drain.get("token").asText()).startsWith("d.");
        assertThat(drainChanges).containsExactly(HELLO);

        assertError(api.call("POST", "/api/apps/hello/drains", "{\"url\":\"syslog://logs.example.com:514\"}"), 409, "drain_exists");
        assertError(api.call("POST", "/api/apps/hello/drains", "{\"url\":\"ftp://logs.example.com\"}"), 422, "invalid_drain_url");
        assertError(api.call("POST", "/api/apps/hello/drains", "{}"), 400, "bad_request");

        JsonNode list = json(api.call("GET", "/api/apps/hello/drains", null));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("token").asText()).isEqualTo(drain.get("token").asText());

        assertThat(api.call("DELETE", "/api/apps/hello/drains/" + drain.get("token").asText(), null).statusCode()).isEqualTo(204);
        assertThat(drainChanges).containsExactly(HELLO, HELLO);
        assertError(api.call("DELETE", "/api/apps/hello/drains/" + drain.get("token").asText(), null), 404, "drain_not_found");
        assertThat(json(api.call("GET", "/api/apps/hello/drains", null))).isEmpty();
    }

    @Test
    void removesADrainByItsUrlEncoded() {
        api.call("POST", "/api/apps/hello/drains", "{\"url\":\"https://logs.example.com/in?k=1\"}");
        String encoded = java.net.URLEncoder.encode("https://logs.example.com/in?k=1", StandardCharsets.UTF_8);
        HttpResponse<String> r = api.call("DELETE", "/api/apps/hello/drains/" + encoded, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(json(api.call("GET", "/api/apps/hello/drains", null))).isEmpty();
    }

    @Test
    void losesNoLineAppendedWhileTheTailStarts() throws Exception {
        MemoryAppLogs inner = new MemoryAppLogs();
        AppLogs racy = new AppLogs() {
            @Override
            public void append(LogLine line) {
                inner.append(line);
            }

            @Override
            public List<LogLine> recent(AppName app, int max, Optional<String> process) {
                List<LogLine> answer = inner.recent(app, max, process);
                inner.append(new LogLine(Instant.now(), app, LogLine.APP, "web.1", "raced"));
                return answer;
            }

            @Override
            public Subscription follow(AppName app, java.util.function.Consumer<LogLine> listener) {
                return inner.follow(app, listener);
            }

            @Override
            public void forget(AppName app) {
                inner.forget(app);
            }
        };
        try (RunningControlServer racing = new RunningControlServer(
                store -> List.of(new LogsApi(store, store, store, racy, app -> {
                }, Duration.ofMillis(200), 2)))) {
            racing.call("POST", "/api/apps", "{\"name\":\"hello\"}");
            inner.append(new LogLine(Instant.now(), HELLO, LogLine.APP, "web.1", "first"));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                            URI.create(racing.baseUrl() + "/api/apps/hello/logs?tail=true"))
                    .header("Authorization", "Bearer " + RunningControlServer.TOKEN).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                assertThat(in.readLine()).endsWith("app[web.1]: first");
                assertThat(in.readLine()).endsWith("app[web.1]: raced");
            }
            http.close();
        }
    }
}
