package dev.ferry.control.tunnel;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TunnelGrantsApiTest {

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonNode ask(String token, String app, String client) {
        var r = api.call("POST", "/api/tunnel-gateways/gw1/grants",
                "{\"token\":\"" + token + "\",\"app\":\"" + app + "\",\"client\":\"" + client + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    @Test
    void grantsACollaboratorsTokenWithTheAppsNames() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        String bob = api.newUser("bob@example.com");
        assertThat(ask(bob, "hello", "127.0.0.5").path("code").asText()).isEqualTo("forbidden");
        assertThat(api.call("POST", "/api/apps/hello/collaborators", "{\"email\":\"bob@example.com\"}").statusCode()).isEqualTo(201);

        JsonNode granted = ask(bob, "hello", "127.0.0.5");
        assertThat(granted.path("allowed").asBoolean()).isTrue();
        assertThat(granted.path("user").asLong()).isPositive();
        assertThat(granted.path("previewHost").asText()).isEqualTo("hello--dev.localhost");
        assertThat(granted.path("appHosts").get(0).asText()).isEqualTo("hello.localhost");
    }

    @Test
    void countsWrongAgentTokensAgainstTheAgentsAddressNotTheGateways() {
        for (int i = 0; i < 3; i++) {
            assertThat(ask("ferry_wrong", "hello", "127.0.0.5").path("code").asText()).isEqualTo("unauthorized");
        }
        JsonNode limited = ask("ferry_wrong", "hello", "127.0.0.5");
        assertThat(limited.path("code").asText()).isEqualTo("too_many_failures");
        assertThat(limited.path("retryAfterSeconds").asLong()).isBetween(1L, 60L);
        assertThat(ask("ferry_wrong", "hello", "127.0.0.6").path("code").asText()).isEqualTo("unauthorized");
        assertThat(api.call("GET", "/api/apps", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesNonAdminsAndAClientThatIsNotAnAddress() {
        String bob = api.newUser("bob@example.com");
        String body = "{\"token\":\"" + bob + "\",\"app\":\"hello\",\"client\":\"127.0.0.5\"}";
        assertError(api.call("POST", "/api/tunnel-gateways/gw1/grants", body, bob), 403, "forbidden");
        assertError(api.call("POST", "/api/tunnel-gateways/gw1/grants", body.replace("127.0.0.5", "evil host")), 400,
                "bad_request");
    }
}
