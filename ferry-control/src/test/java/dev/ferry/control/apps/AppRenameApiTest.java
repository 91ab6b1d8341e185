package dev.ferry.control.apps;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.ReleaseStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppRenameApiTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final AppName GREETING = AppName.of("greeting");

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void renamesTheAppMovingItsDefaultHostAndInstancesAndKeepingTheRest() {
        api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
        api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\"}");
        assertThat(api.call("POST", "/api/apps/hello/domains", "{\"hostname\":\"www.example.com\"}").statusCode())
                .isEqualTo(201);
        api.store.createDeployRelease(HELLO, "slug", "abcdef0", Map.of("web", "run"), api.admin.id());
        api.store.setReleaseStatus(HELLO, 2, ReleaseStatus.SUCCEEDED, api.admin.id());
        Endpoint serving = Endpoint.of("127.0.0.1", 5001);
        api.registry.addEndpoint("hello.localhost", serving, Optional.of(Duration.ofSeconds(30)));
        api.registry.addEndpoint("www.example.com", serving, Optional.of(Duration.ofSeconds(30)));
        api.runtime.calls.clear();

        HttpResponse<String> renamed = api.call("PATCH", "/api/apps/hello", "{\"name\":\"greeting\"}");

        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).get("name").asText()).isEqualTo("greeting");
        assertThat(json(renamed).get("webUrl").asText()).isEqualTo("http://greeting.localhost/");
        assertThat(renamed.headers().firstValue("Location")).hasValue("/api/apps/greeting");
        assertError(api.call("GET", "/api/apps/hello", null), 404, "app_not_found");
        assertThat(api.registry.table().route("hello.localhost")).as("the old host answers 404").isNull();
        assertThat(api.registry.table().route("greeting.localhost").endpoints()).as("serves at once")
                .extracting(Endpoint::id).containsExactly(serving.id());
        assertThat(api.registry.table().route("www.example.com").endpoints()).extracting(Endpoint::id)
                .containsExactly(serving.id());
        assertThat(api.store.config(GREETING).get("A")).contains("1");
        assertThat(api.store.currentRelease(GREETING).orElseThrow().version()).isEqualTo(2);
        assertThat(api.store.domain("www.example.com").orElseThrow().app()).isEqualTo(GREETING);
        assertThat(api.runtime.calls).as("the new name runs before the old one stops")
                .containsExactly("deploy greeting v2", "destroy hello");
        assertThat(json(api.call("GET", "/api/apps/greeting", null)).get("events").get(0).get("action").asText())
                .isEqualTo("app.rename");
    }

    @Test
    void refusesTheNamesAppsCreateRefusesAndChangesNothing() {
        api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
        api.call("POST", "/api/apps", "{\"name\":\"other\"}");
        api.registry.putRoute("routed.localhost", RoutePolicy.DEFAULT);
        RouteTable before = api.registry.table();

        assertError(api.call("PATCH", "/api/apps/hello", "{\"name\":\"Hello_World\"}"), 422, "invalid_name");
        assertError(api.call("PATCH", "/api/apps/hello", "{\"name\":\"my--app\"}"), 422, "invalid_name");
        assertError(api.call("PATCH", "/api/apps/hello", "{\"name\":\"other\"}"), 409, "name_taken");
        assertError(api.call("PATCH", "/api/apps/hello", "{\"name\":\"hello\"}"), 409, "name_taken");
        assertError(api.call("PATCH", "/api/apps/hello", "{\"name\":\"routed\"}"), 409, "name_taken");
        assertError(api.call("PATCH", "/api/apps/hello", "{}"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/apps/hello", "{\"name\":\"x1y\",\"stack\":\"s\"}"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/apps/nope", "{\"name\":\"fresh\"}"), 404, "app_not_found");

        assertThat(api.store.allApps()).extracting(a -> a.name().value()).containsExactly("hello", "other");
        assertThat(api.registry.table()).isEqualTo(before);
    }

    @Test
    void refusesWhileABuildOfTheAppIsQueuedOrRunning() {
        api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
        BuildId build = api.store.enqueueBuild(HELLO, "a".repeat(40), "main", api.admin.id()).id();

        assertError(api.call("PATCH", "/api/apps/hello", "{\"name\":\"greeting\"}"), 409, "app_busy");
        assertThat(api.store.app(HELLO)).isPresent();

        api.store.failBuild(build, "stopped");
        assertThat(api.call("PATCH", "/api/apps/hello", "{\"name\":\"greeting\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void letsOnlyTheOwnerOrAnAdminRename() {
        String alice = api.newUser("alice@example.com");
        String bob = api.newUser("bob@example.com");
        String carol = api.newUser("carol@example.com");
        api.call("POST", "/api/apps", "{\"name\":\"bobs\"}", bob);
        api.call("POST", "/api/apps/bobs/collaborators", "{\"email\":\"alice@example.com\"}", bob);

        assertError(api.call("PATCH", "/api/apps/bobs", "{\"name\":\"alices\"}", alice), 403, "forbidden");
        assertError(api.call("PATCH", "/api/apps/bobs", "{\"name\":\"carols\"}", carol), 404, "app_not_found");
        assertThat(api.store.app(AppName.of("bobs"))).isPresent();

        assertThat(api.call("PATCH", "/api/apps/bobs", "{\"name\":\"bobs-app\"}", bob).statusCode()).isEqualTo(200);
        assertThat(api.call("PATCH", "/api/apps/bobs-app", "{\"name\":\"renamed\"}").statusCode())
                .as("an admin").isEqualTo(200);
        assertThat(json(api.call("GET", "/api/apps", null, alice)).findValuesAsText("name")).containsExactly("renamed");
        assertThat(api.store.app(AppName.of("renamed")).orElseThrow().owner()).isEqualTo(
                api.store.userByEmail("bob@example.com").orElseThrow().id());
    }
}
