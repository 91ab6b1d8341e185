package dev.ferry.control.ps;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.control.RunningControlServer;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.store.AppName;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessesApiTest {

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
        api.store.setConfig(HELLO, Map.of("GREETING", "hello from config"), api.admin.id());
        new Reconciler(api.store, api.store, api.runtime).release(HELLO, () -> api.store.createDeployRelease(HELLO, "slug-1",
                "abcdef0123", Map.of("web", "./server.sh", "worker", "./work.sh"), api.admin.id()), line -> { });
        api.store.scale(HELLO, Map.of("web", 2), api.admin.id());
        new Reconciler(api.store, api.store, api.runtime).release(HELLO, () -> api.store.setConfig(HELLO, Map.of("B", "1"), api.admin.id()),
                line -> { });
    }

    @Test
    void listsInstancesWithTheirStateAndCommand() {
        deploy();

        HttpResponse<String> r = api.call("GET", "/api/apps/hello/ps", null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode ps = json(r);
        assertThat(ps.findValuesAsText("name")).containsExactly("web.1", "web.2");
        JsonNode web1 = ps.get(0);
        assertThat(web1.get("type").asText()).isEqualTo("web");
        assertThat(web1.get("state").asText()).isEqualTo("up");
        assertThat(web1.get("release").asInt()).isEqualTo(3);
        assertThat(web1.get("port").asInt()).isEqualTo(5001);
        assertThat(web1.get("pid").asLong()).isEqualTo(101);
        assertThat(web1.get("since").asText()).isEqualTo("2026-11-24T14:00:00Z");
        assertThat(web1.get("restarts").asInt()).isZero();
        assertThat(web1.get("command").asText()).isEqualTo("./server.sh");
    }

    @Test
    void listsEachInstancesCpuAndMemoryAndNullWhereNotMeasured() {
        deploy();
        api.runtime.usage.put(HELLO, Map.of("web.1", new InstanceUsage(Instant.parse("2026-11-24T14:05:00Z"),
                12.345, 41_943_040L)));

        JsonNode ps = json(api.call("GET", "/api/apps/hello/ps", null));

        assertThat(ps.get(0).get("cpuPercent").asDouble()).isEqualTo(12.3);
        assertThat(ps.get(0).get("memoryBytes").asLong()).isEqualTo(41_943_040L);
        assertThat(ps.get(1).get("name").asText()).isEqualTo("web.2");
        assertThat(ps.get(1).has("cpuPercent")).as("written as null, not left out").isTrue();
        assertThat(ps.get(1).get("cpuPercent").isNull()).as("not measured is null, never 0").isTrue();
        assertThat(ps.get(1).get("memoryBytes").isNull()).isTrue();
    }

    @Test
    void listsNothingForAnAppThatRunsNothing() {
        assertThat(json(api.call("GET", "/api/apps/hello/ps", null))).isEmpty();
    }

    @Test
    void restartsAllATypeOrOneInstance() {
        deploy();

        assertThat(json(api.call("POST", "/api/apps/hello/ps/restart", null)).get("restarted").asInt()).isEqualTo(2);
        assertThat(json(api.call("POST", "/api/apps/hello/ps/restart", "{\"target\":\"web\"}")).get("restarted").asInt()).isEqualTo(2);
        assertThat(json(api.call("POST", "/api/apps/hello/ps/restart", "{\"target\":\"web.2\"}")).get("restarted").asInt()).isEqualTo(1);
        assertThat(api.runtime.calls).contains("restart hello *", "restart hello web", "restart hello web.2");
    }

    @Test
    void stopsATypeOrAnInstanceAndRefusesWhatDoesNotRun() {
        deploy();

        assertThat(json(api.call("POST", "/api/apps/hello/ps/stop", "{\"target\":\"web.1\"}")).get("stopped").asInt()).isEqualTo(1);
        assertError(api.call("POST", "/api/apps/hello/ps/stop", "{}"), 400, "bad_request");
        assertError(api.call("POST", "/api/apps/hello/ps/stop", "{\"target\":\"Web!\"}"), 400, "bad_request");
        assertError(api.call("POST", "/api/apps/hello/ps/stop", "{\"target\":\"web.9\"}"), 404, "process_not_found");
        assertError(api.call("POST", "/api/apps/hello/ps/restart", "{\"target\":\"worker\"}"), 404, "process_not_found");
        assertError(api.call("POST", "/api/apps/hello/ps/stop", "{\"target\":\"web\",\"x\":1}"), 400, "bad_request");
        assertThat(api.runtime.calls).containsOnlyOnce("stop hello web.1").noneMatch(c -> c.startsWith("restart"));
    }

    @Test
    void streamsAOneOffProcesssOutputAndExitCode() throws Exception {
        deploy();

        HttpResponse<String> r = api.call("POST", "/api/apps/hello/run",
                "{\"command\":\"echo \\\"$GREETING\\\"; echo to-stderr >&2; printf '\\\\342\\\\202\\\\254 {\\\"quoted\\\"}\\\\n'; echo $EXTRA; exit 3\","
                        + "\"env\":{\"EXTRA\":\"extra env\"}}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        assertThat(r.headers().firstValue("Ferry-Process")).contains("run.1");
        StringBuilder out = new StringBuilder();
        List<JsonNode> frames = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (!line.isEmpty()) {
                frames.add(JSON.readTree(line));
            }
        }
        frames.subList(0, frames.size() - 1).forEach(f -> out.append(f.get("out").asText()));
        assertThat(out.toString()).isEqualTo("hello from config\nto-stderr\n€ {\"quoted\"}\nextra env\n");
        assertThat(frames.getLast().toString()).isEqualTo("{\"exit\":3}");
    }

    @Test
    void refusesToRunWithoutAReleaseOrACommand() {
        assertError(api.call("POST", "/api/apps/hello/run", "{\"command\":\"echo hi\"}"), 409, "no_release");
        deploy();
        assertError(api.call("POST", "/api/apps/hello/run", "{\"command\":\" \"}"), 400, "bad_request");
        assertError(api.call("POST", "/api/apps/hello/run", "{}"), 400, "bad_request");
        assertError(api.call("POST", "/api/apps/hello/run", "{\"command\":\"true\",\"env\":{\"1X\":\"a\"}}"), 422, "invalid_config");
        assertError(api.call("POST", "/api/apps/hello/run", "{\"command\":\"true\",\"env\":[]}"), 400, "bad_request");
        assertThat(api.runtime.calls).noneMatch(c -> c.startsWith("run"));
    }

    @Test
    void keepsOtherUsersOut() {
        deploy();
        String bob = api.newUser("bob@example.com");

        assertError(api.call("GET", "/api/apps/hello/ps", null, bob), 404, "app_not_found");
        assertError(api.call("POST", "/api/apps/hello/run", "{\"command\":\"echo hi\"}", bob), 404, "app_not_found");
        assertError(api.call("POST", "/api/apps/hello/ps/restart", null, bob), 404, "app_not_found");
        assertError(api.call("GET", "/api/apps/nosuch/ps", null), 404, "app_not_found");
        assertThat(api.runtime.calls).noneMatch(c -> c.startsWith("run") || c.startsWith("restart"));
    }
}
