package dev.ferry.control.usage;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import dev.ferry.core.usage.InstanceRun;
import dev.ferry.core.usage.TrafficCount;
import dev.ferry.core.usage.UtcDays;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/usage: who sees which apps' records, the since filter, and the errors for bad input. */
class UsageApiTest {

    private final RunningControlServer api = new RunningControlServer(store ->
            List.of(new UsageApi(store, store.usage())));
    private final LocalDate today = UtcDays.of(Instant.now());
    private String alice;

    @BeforeEach
    void createAppsAndRecords() {
        alice = api.newUser("alice@example.com");
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"alices\"}", alice).statusCode()).isEqualTo(201);
        api.store.usage().addTraffic(List.of(
                new TrafficCount(AppName.of("hello"), "web", today, 3, 1, 2, 0, 0, 0),
                new TrafficCount(AppName.of("alices"), "web", today, 4, 1, 2, 0, 0, 0),
                new TrafficCount(AppName.of("alices"), "web", today.minusDays(40), 9, 1, 2, 0, 0, 0)));
        api.store.usage().instanceStarted(new InstanceRun("alices/web.1/7", AppName.of("alices"), "web",
                Instant.now().minusSeconds(30)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static List<String> apps(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> apps = new ArrayList<>();
        json(r).forEach(n -> apps.add(n.get("app").asText() + "@" + n.get("day").asText()));
        return apps;
    }

    @Test
    void showsAUserOnlyTheirAppsAndTheAdminEveryApp() {
        assertThat(apps(api.call("GET", "/api/usage", null, alice))).containsExactly("alices@" + today);
        assertThat(apps(api.call("GET", "/api/usage", null))).containsExactlyInAnyOrder("alices@" + today, "hello@" + today);
        assertError(api.call("GET", "/api/usage?app=hello", null, alice), 404, "app_not_found");
        assertThat(apps(api.call("GET", "/api/usage?app=alices", null))).containsExactly("alices@" + today);
    }

    @Test
    void countsARunningInstanceUpToNowAndFiltersBySince() {
        JsonNode row = json(api.call("GET", "/api/usage?app=alices", null, alice)).get(0);
        assertThat(row.get("instanceSeconds").asLong()).isBetween(29L, 40L);
        assertThat(row.get("requests").asLong()).isEqualTo(4);

        assertThat(apps(api.call("GET", "/api/usage?app=alices&since=" + today.minusDays(45), null, alice)))
                .containsExactly("alices@" + today.minusDays(40), "alices@" + today);
    }

    @Test
    void refusesBadDatesAndUnknownApps() {
        HttpResponse<String> bad = api.call("GET", "/api/usage?since=31-12-2026", null);
        assertError(bad, 400, "bad_request");
        assertThat(json(bad).get("error").asText()).contains("since must be a date such as").contains("31-12-2026");
        assertError(api.call("GET", "/api/usage?since=" + today.plusDays(1), null), 400, "bad_request");
        assertError(api.call("GET", "/api/usage?app=nosuchapp", null), 404, "app_not_found");
        assertError(api.call("GET", "/api/usage?app=Not_A_Name", null), 404, "app_not_found");
        assertError(api.call("GET", "/api/usage", null, "ferry_not-a-token"), 401, "unauthorized");
    }
}
