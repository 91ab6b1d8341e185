package dev.ferry.control.apps;

import static dev.ferry.control.RunningControlServer.json;
import static dev.ferry.control.RunningControlServer.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Page;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppResourcesApiTest {

    private static final AppName HELLO = AppName.of("hello");

    private final RunningControlServer api = new RunningControlServer();

    @BeforeEach
    void createApp() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void keepsAwkwardConfigValuesExactly() throws Exception {
        Map<String, String> awkward = Map.of(
                "SPACES", "a value with  spaces ",
                "QUOTES", "it's \"quoted\" `back`",
                "NEWLINES", "line one\nline two\r\n",
                "EQUALS", "a=b==c",
                "EMPTY", "");
        HttpResponse<String> set = api.call("PATCH", "/api/apps/hello/config", new ObjectMapper().writeValueAsString(awkward));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode config = json(api.call("GET", "/api/apps/hello/config", null));
        awkward.forEach((k, v) -> assertThat(config.get(k).textValue()).isEqualTo(v));
        assertThat(api.store.releases(HELLO, Page.FIRST).items()).hasSize(1);
    }

    @Test
    void makesOneReleasePerConfigChange() {
        api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\",\"B\":\"2\"}");
        HttpResponse<String> unset = api.call("PATCH", "/api/apps/hello/config", "{\"B\":null}");
        assertThat(unset.statusCode()).isEqualTo(200);
        assertThat(json(unset).toString()).isEqualTo("{\"A\":\"1\"}");

        JsonNode releases = json(api.call("GET", "/api/apps/hello/releases", null));
        assertThat(releases.findValuesAsText("description")).containsExactly("Remove B config vars", "Set A, B config vars");
        assertThat(releases.findValuesAsText("version")).containsExactly("2", "1");
        assertThat(releases.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(releases.toString()).doesNotContain("\"1\"");
    }

    @Test
    void refusesBadConfigChangesAndChangesNothing() {
        api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\"}");
        assertError(api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"2\",\"B\":[\"x\"]}"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/apps/hello/config", "{\"A\":2}"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/apps/hello/config", "{}"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/apps/hello/config", "not json"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/apps/hello/config", "{\"1BAD\":\"x\"}"), 422, "invalid_config");
        assertError(api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"nul\\u0000\"}"), 422, "invalid_config");
        assertThat(api.store.config(HELLO).asMap()).containsExactly(Map.entry("A", "1"));
        assertThat(api.store.releases(HELLO, Page.FIRST).items()).hasSize(1);
    }

    @Test
    void setsSomeVarsAndRemovesOthersAsOneRelease() {
        api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\",\"B\":\"2\"}");
        var changed = api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"3\",\"C\":\"4\",\"B\":null,\"NOPE\":null}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(api.store.config(HELLO).asMap()).containsExactly(Map.entry("A", "3"), Map.entry("C", "4"));
        var releases = api.store.releases(HELLO, Page.FIRST).items();
        assertThat(releases).hasSize(2);
        assertThat(releases.getFirst().description()).isEqualTo("Set A, C and remove B config vars");
    }

    @Test
    void paginatesReleasesNewestFirst() {
        for (int i = 0; i < 5; i++) {
            api.call("PATCH", "/api/apps/hello/config", "{\"N\":\"" + i + "\"}");
        }
        HttpResponse<String> first = api.call("GET", "/api/apps/hello/releases?limit=2", null);
        assertThat(json(first).findValuesAsText("version")).containsExactly("5", "4");
        String next = first.headers().firstValue("Link").orElseThrow().replaceAll("^<([^>]*)>.*$", "$1");
        assertThat(json(api.call("GET", next, null)).findValuesAsText("version")).containsExactly("3", "2");
        assertError(api.call("GET", "/api/apps/hello/releases?limit=0", null), 400, "bad_request");
        assertError(api.call("GET", "/api/apps/hello/releases?cursor=zzz", null), 400, "bad_request");
    }

    @Test
    void refusesARollbackWithNothingToRollBackTo() {
        assertError(api.call("POST", "/api/apps/hello/releases/rollback", "{}"), 409, "cannot_roll_back");
        api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\"}");
        assertError(api.call("POST", "/api/apps/hello/releases/rollback", null), 409, "cannot_roll_back");
        assertThat(api.store.releases(HELLO, Page.FIRST).items()).hasSize(1);
    }

    @Test
    void rollsBackToAnEarlierRelease() {
        api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\"}");
        api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"2\"}");
        HttpResponse<String> back = api.call("POST", "/api/apps/hello/releases/rollback", "{\"version\":1}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
        assertThat(json(back).get("description").asText()).isEqualTo("Rollback to v1");
        assertThat(api.store.config(HELLO).get("A")).contains("1");
        HttpResponse<String> previous = api.call("POST", "/api/apps/hello/releases/rollback", null);
        assertThat(previous.statusCode()).as(previous.body()).isEqualTo(201);
        assertError(api.call("POST", "/api/apps/hello/releases/rollback", "{\"version\":99}"), 404, "release_not_found");
        assertError(api.call("POST", "/api/apps/hello/releases/rollback", "{\"version\":\"v1\"}"), 400, "bad_request");
    }

    @Test
    void addsAndRemovesCustomDomainsUniqueAcrossApps() {
        api.call("POST", "/api/apps", "{\"name\":\"other\"}");
        HttpResponse<String> added = api.call("POST", "/api/apps/hello/domains", "{\"hostname\":\"WWW.Example.com\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).get("hostname").asText()).isEqualTo("www.example.com");
        assertThat(api.registry.table().route("www.example.com").endpoints()).isEmpty();
        assertThat(json(api.call("GET", "/api/apps/hello/domains", null)).findValuesAsText("hostname"))
                .containsExactly("www.example.com");

        RouteTable before = api.registry.table();
        assertError(api.call("POST", "/api/apps/other/domains", "{\"hostname\":\"www.example.com\"}"), 409, "domain_taken");
        assertError(api.call("POST", "/api/apps/other/domains", "{\"hostname\":\"hello.localhost\"}"), 409, "domain_reserved");
        assertError(api.call("POST", "/api/apps/other/domains", "{\"hostname\":\"bad host\"}"), 422, "invalid_domain");
        assertError(api.call("DELETE", "/api/apps/other/domains/www.example.com", null), 404, "domain_not_found");
        assertThat(api.registry.table()).isEqualTo(before);
        assertThat(api.store.domains(AppName.of("other"))).isEmpty();

        assertThat(api.call("DELETE", "/api/apps/hello/domains/www.example.com", null).statusCode()).isEqualTo(204);
        assertThat(api.registry.table().route("www.example.com")).isNull();
        assertThat(api.registry.table().route("hello.localhost")).isNotNull();
    }

    @Test
    void scalesTheFormation() {
        HttpResponse<String> scaled = api.call("PATCH", "/api/apps/hello/formation", "{\"web\":2,\"worker\":1}");
        assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(200);
        assertThat(json(api.call("GET", "/api/apps/hello/formation", null)).toString()).isEqualTo("{\"web\":2,\"worker\":1}");
        assertError(api.call("PATCH", "/api/apps/hello/formation", "{\"web\":-1}"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/apps/hello/formation", "{\"web\":101}"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/apps/hello/formation", "{\"Web!\":1}"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/apps/hello/formation", "{}"), 400, "bad_request");
        assertThat(api.store.formation(HELLO).quantities()).containsExactly(Map.entry("web", 2), Map.entry("worker", 1));
    }

    @Test
    void managesCollaborators() {
        api.newUser("alice@example.com");
        assertError(api.call("POST", "/api/apps/hello/collaborators", "{\"email\":\"nobody@example.com\"}"), 404, "user_not_found");
        assertError(api.call("POST", "/api/apps/hello/collaborators", "{\"email\":\"not an address\"}"), 400, "bad_request");
        assertThat(api.call("POST", "/api/apps/hello/collaborators", "{\"email\":\"Alice@example.com\"}").statusCode()).isEqualTo(201);
        assertError(api.call("POST", "/api/apps/hello/collaborators", "{\"email\":\"alice@example.com\"}"), 409, "collaborator_exists");
        JsonNode list = json(api.call("GET", "/api/apps/hello/collaborators", null));
        assertThat(list.findValuesAsText("email")).containsExactly("admin@localhost", "alice@example.com");
        assertError(api.call("DELETE", "/api/apps/hello/collaborators/admin@localhost", null), 409, "owner_not_removable");
        assertThat(api.call("DELETE", "/api/apps/hello/collaborators/alice@example.com", null).statusCode()).isEqualTo(204);
        assertError(api.call("DELETE", "/api/apps/hello/collaborators/alice@example.com", null), 404, "collaborator_not_found");
    }
}
