package dev.ferry.control.apps;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.route.RouteTable;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppsApiTest {

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createsAnAppRoutedAtItsNameWithAnEmptyPool() {
        HttpResponse<String> created = api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/apps/hello");
        assertThat(json(created).get("name").asText()).isEqualTo("hello");
        assertThat(json(created).get("owner").asText()).isEqualTo("admin@localhost");
        assertThat(json(created).get("webUrl").asText()).isEqualTo("http://hello.localhost/");
        assertThat(api.registry.table().route("hello.localhost").endpoints()).isEmpty();

        JsonNode info = json(api.call("GET", "/api/apps/hello", null));
        assertThat(info.get("domains")).hasSize(1);
        assertThat(info.get("domains").get(0).asText()).isEqualTo("hello.localhost");
        assertThat(info.get("collaborators").get(0).get("role").asText()).isEqualTo("owner");
        assertThat(info.get("release").isNull()).isTrue();
        assertThat(info.get("formation").isObject()).isTrue();
        assertThat(info.get("events").get(0).get("action").asText()).isEqualTo("app.create");
        assertThat(json(api.call("GET", "/api/apps", null)).findValuesAsText("name")).containsExactly("hello");
    }

    @Test
    void picksAReadableRandomNameWhenNoneIsGiven() {
        HttpResponse<String> created = api.call("POST", "/api/apps", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String name = json(created).get("name").asText();
        assertThat(name).matches("[a-z]+-[a-z]+-[0-9]{4}");
        assertThat(api.registry.table().route(name + ".localhost")).isNotNull();
    }

    @Test
    void refusesBadNamesAndBodiesAndChangesNothing() {
        api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
        RouteTable before = api.registry.table();
        assertError(api.call("POST", "/api/apps", "{\"name\":\"Hello_World\"}"), 422, "invalid_name");
        assertError(api.call("POST", "/api/apps", "{\"name\":\"ab\"}"), 422, "invalid_name");
        assertError(api.call("POST", "/api/apps", "{\"name\":\"hello\"}"), 409, "name_taken");
        assertError(api.call("POST", "/api/apps", "{\"name\":"), 400, "bad_request");
        assertError(api.call("POST", "/api/apps", "{\"name\":\"other\",\"stack\":\"x\"}"), 400, "bad_request");
        assertError(api.call("POST", "/api/apps", "{\"name\":42}"), 400, "bad_request");
        assertThat(api.store.allApps()).hasSize(1);
        assertThat(api.registry.table()).isEqualTo(before);
    }

    @Test
    void answersNotFoundForAnAppThatDoesNotExist() {
        assertError(api.call("GET", "/api/apps/nope", null), 404, "app_not_found");
        assertError(api.call("GET", "/api/apps/NOT_A_NAME", null), 404, "app_not_found");
        assertError(api.call("DELETE", "/api/apps/nope", null), 404, "app_not_found");
    }

    @Test
    void keepsUsersToTheirOwnAppsWhileTheAdminReachesAll() {
        String alice = api.newUser("alice@example.com");
        String bob = api.newUser("bob@example.com");
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"alices\"}", alice).statusCode()).isEqualTo(201);
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"bobs\"}", bob).statusCode()).isEqualTo(201);

        assertThat(json(api.call("GET", "/api/apps", null, alice)).findValuesAsText("name")).containsExactly("alices");
        assertThat(json(api.call("GET", "/api/apps", null)).findValuesAsText("name")).containsExactly("alices", "bobs");
        assertError(api.call("GET", "/api/apps/bobs", null, alice), 404, "app_not_found");
        assertError(api.call("PATCH", "/api/apps/bobs/config", "{\"A\":\"1\"}", alice), 404, "app_not_found");
        assertError(api.call("DELETE", "/api/apps/bobs", null, alice), 404, "app_not_found");
        assertThat(api.store.config(dev.ferry.core.store.AppName.of("bobs")).isEmpty()).isTrue();
        assertThat(api.call("GET", "/api/apps/bobs", null).statusCode()).isEqualTo(200);

        assertThat(api.call("POST", "/api/apps/bobs/collaborators", "{\"email\":\"alice@example.com\"}", bob).statusCode())
                .isEqualTo(201);
        assertThat(api.call("GET", "/api/apps/bobs", null, alice).statusCode()).isEqualTo(200);
        assertError(api.call("DELETE", "/api/apps/bobs", null, alice), 403, "forbidden");
        assertThat(json(api.call("GET", "/api/apps", null, alice)).findValuesAsText("name")).containsExactly("alices", "bobs");
    }

    @Test
    void keepsTheRoutesApisForAdmins() {
        String alice = api.newUser("alice@example.com");
        assertError(api.call("GET", "/api/routes", null, alice), 403, "forbidden");
        assertError(api.call("POST", "/api/routes", "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\"}", alice),
                403, "forbidden");
        assertError(api.call("GET", "/api/tcp-routes", null, alice), 403, "forbidden");
        assertThat(api.routeChanges()).isZero();
        assertThat(api.call("GET", "/api/routes", null, api.adminToken).statusCode()).isEqualTo(200);
    }

    @Test
    void destroyingAnAppRemovesItsRoutesAndDomains() {
        api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
        assertThat(api.call("POST", "/api/apps/hello/domains", "{\"hostname\":\"www.example.com\"}").statusCode()).isEqualTo(201);
        assertThat(api.registry.table().route("www.example.com")).isNotNull();

        assertThat(api.call("DELETE", "/api/apps/hello", null).statusCode()).isEqualTo(204);
        assertThat(api.registry.table().route("hello.localhost")).isNull();
        assertThat(api.registry.table().route("www.example.com")).isNull();
        assertThat(api.store.allApps()).isEmpty();
        assertThat(api.store.domain("www.example.com")).isEmpty();
        assertError(api.call("GET", "/api/apps/hello", null), 404, "app_not_found");
    }

    @Test
    void listsEventsOfAnAppNewestFirst() {
        api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
        api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\"}");
        JsonNode events = json(api.call("GET", "/api/apps/hello/events", null));
        assertThat(events.findValuesAsText("action")).containsExactly("config.set", "app.create");
        assertThat(events.get(0).get("actor").asText()).isEqualTo("admin@localhost");
        assertThat(events.get(0).get("detail").asText()).isEqualTo("Set A config vars");
    }

    @Test
    void listsEveryEventOfThePlatformForTheAdminOnly() {
        String alice = api.newUser("alice@example.com");
        api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
        api.call("POST", "/api/apps", "{\"name\":\"other\"}", alice);

        JsonNode events = json(api.call("GET", "/api/events", null));
        assertThat(events.findValuesAsText("action")).contains("app.create", "user.create");
        assertThat(events.findValuesAsText("app")).contains("hello", "other");

        assertError(api.call("GET", "/api/events", null, alice), 403, "forbidden");
    }
}
