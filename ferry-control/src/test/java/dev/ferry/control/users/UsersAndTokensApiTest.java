package dev.ferry.control.users;

import static dev.ferry.control.RunningControlServer.json;
import static dev.ferry.control.RunningControlServer.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsersAndTokensApiTest {

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anAdminCreatesAUserWhoseFirstTokenWorks() {
        HttpResponse<String> created = api.call("POST", "/api/users", "{\"email\":\"Alice@Example.com\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode user = json(created);
        assertThat(user.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(user.get("admin").asBoolean()).isFalse();
        String token = user.get("token").asText();
        assertThat(api.call("GET", "/api/apps", null, token).statusCode()).isEqualTo(200);
        assertThat(json(api.call("GET", "/api/users", null)).findValuesAsText("email"))
                .containsExactly("admin@localhost", "alice@example.com");
        assertThat(api.call("GET", "/api/users", null).body()).doesNotContain(token);
    }

    @Test
    void refusesUserChangesFromNonAdminsAndBadInput() {
        String alice = api.newUser("alice@example.com");
        assertError(api.call("GET", "/api/users", null, alice), 403, "forbidden");
        assertError(api.call("POST", "/api/users", "{\"email\":\"bob@example.com\"}", alice), 403, "forbidden");
        assertError(api.call("POST", "/api/users", "{\"email\":\"alice@example.com\"}"), 409, "user_exists");
        assertError(api.call("POST", "/api/users", "{\"email\":\"nope\"}"), 400, "bad_request");
        assertError(api.call("POST", "/api/users", "{\"email\":\"c@example.com\",\"role\":\"x\"}"), 400, "bad_request");
        assertThat(api.store.users()).hasSize(2);
    }

    @Test
    void createsListsAndRevokesOwnTokens() {
        String alice = api.newUser("alice@example.com");
        HttpResponse<String> created = api.call("POST", "/api/tokens", "{\"description\":\"laptop\"}", alice);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = json(created).get("secret").asText();
        String id = json(created).get("id").asText();
        assertThat(api.call("GET", "/api/tokens", null, secret).statusCode()).isEqualTo(200);

        JsonNode list = json(api.call("GET", "/api/tokens", null, alice));
        assertThat(list).hasSize(2);
        assertThat(list.toString()).doesNotContain(secret).doesNotContain("secret");
        assertThat(json(api.call("GET", "/api/tokens", null)).findValuesAsText("id")).doesNotContain(id);

        assertError(api.call("DELETE", "/api/tokens/" + id, null), 404, "token_not_found");
        assertThat(api.call("DELETE", "/api/tokens/" + id, null, alice).statusCode()).isEqualTo(204);
        assertError(api.call("GET", "/api/apps", null, secret), 401, "unauthorized");
        assertThat(api.call("GET", "/api/apps", null, alice).statusCode()).isEqualTo(200);
        assertError(api.call("DELETE", "/api/tokens/" + id, null, alice), 404, "token_not_found");
    }
}
