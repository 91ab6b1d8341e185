package dev.ferry.control.autoscale;

import static dev.ferry.control.RunningControlServer.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ReleaseStatus;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/apps/{app}/autoscale}: turning it on and off, and every refusal, which changes nothing. */
class AutoscaleApiTest {

    private final RunningControlServer api = new RunningControlServer(store ->
            List.of(new AutoscaleApi(store, store, store, store.autoscale())));

    @BeforeEach
    void createApp() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonNode setting() {
        HttpResponse<String> r = api.call("GET", "/api/apps/hello/autoscale", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return RunningControlServer.json(r);
    }

    @Test
    void turnsOnChangesAndTurnsOff() {
        assertThat(setting().get("enabled").asBoolean()).isFalse();
        assertThat(setting().has("min")).isFalse();

        HttpResponse<String> on = api.call("PUT", "/api/apps/hello/autoscale",
                "{\"processType\":\"web\",\"min\":1,\"max\":5,\"p95Ms\":500}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        JsonNode info = RunningControlServer.json(on);
        assertThat(info.get("enabled").asBoolean()).isTrue();
        assertThat(info.get("processType").asText()).isEqualTo("web");
        assertThat(info.get("min").asInt()).isEqualTo(1);
        assertThat(info.get("max").asInt()).isEqualTo(5);
        assertThat(info.get("p95Ms").asLong()).isEqualTo(500);
        assertThat(info.get("decisions")).isEmpty();

        api.call("PUT", "/api/apps/hello/autoscale", "{\"min\":2,\"max\":4,\"p95Ms\":250}");
        assertThat(setting().get("max").asInt()).isEqualTo(4);

        HttpResponse<String> off = api.call("DELETE", "/api/apps/hello/autoscale", null);
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(RunningControlServer.json(off).get("enabled").asBoolean()).isFalse();
        assertThat(api.store.autoscale().autoscaledApps()).isEmpty();
    }

    @Test
    void refusesBadRulesAndOtherTypesAndChangesNothing() {
        assertRefused("{\"processType\":\"worker\",\"min\":1,\"max\":2,\"p95Ms\":500}", "only web is autoscaled, not worker");
        assertRefused("{\"min\":3,\"max\":2,\"p95Ms\":500}", "min (3) is more than max (2)");
        assertRefused("{\"min\":0,\"max\":2,\"p95Ms\":500}", "min must be from 1 to 100");
        assertRefused("{\"min\":1,\"max\":2,\"p95Ms\":5}", "the p95 goal must be whole milliseconds from 10ms to 60s");
        assertRefused("{\"min\":1,\"max\":2}", "the request body needs the field 'p95Ms'");
        assertRefused("{\"min\":1,\"max\":2,\"p95Ms\":\"fast\"}", "the request body does not fit");
        assertRefused("{\"min\":1,\"max\":2,\"p95\":500}", "p95");
        assertThat(setting().get("enabled").asBoolean()).isFalse();
        assertThat(RunningControlServer.json(api.call("GET", "/api/apps/hello/events", null)).toString())
                .doesNotContain("autoscale");
    }

    @Test
    void refusesAnAppWhoseReleaseHasNoWebType() {
        api.store.setReleaseStatus(AppName.of("hello"), api.store.createDeployRelease(AppName.of("hello"), "slug-1",
                "abcdef0123", Map.of("worker", "./w"), api.admin.id()).version(), ReleaseStatus.SUCCEEDED, api.admin.id());
        assertRefused("{\"min\":1,\"max\":2,\"p95Ms\":500}", "hello has no web process type in its current release");
    }

    @Test
    void answersAnotherUsersAppAsUnknown() {
        String alice = api.newUser("alice@example.com");
        assertError(api.call("GET", "/api/apps/hello/autoscale", null, alice), 404, "app_not_found");
        assertError(api.call("PUT", "/api/apps/hello/autoscale", "{\"min\":1,\"max\":2,\"p95Ms\":500}", alice), 404,
                "app_not_found");
        assertError(api.call("DELETE", "/api/apps/hello/autoscale", null, alice), 404, "app_not_found");
        assertThat(setting().get("enabled").asBoolean()).isFalse();
    }

    private void assertRefused(String body, String message) {
        HttpResponse<String> r = api.call("PUT", "/api/apps/hello/autoscale", body);
        assertError(r, 400, "bad_request");
        assertThat(RunningControlServer.json(r).get("error").asText()).contains(message);
    }
}
