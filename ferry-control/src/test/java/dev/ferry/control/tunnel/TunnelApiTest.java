package dev.ferry.control.tunnel;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TunnelApiTest {

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
    void tellsAnAppsUserTheGatewaysAndThePreviewName() {
        HttpResponse<String> r = api.call("GET", "/api/apps/hello/tunnel", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("app").asText()).isEqualTo("hello");
        assertThat(body.get("previewHost").asText()).isEqualTo("hello--dev.localhost");
        JsonNode g = body.get("gateways").get(0);
        assertThat(g.get("host").asText()).isEqualTo("localhost");
        assertThat(g.get("port").asInt()).isEqualTo(7000);
        assertThat(g.get("fingerprint").asText()).startsWith("sha256:");
    }

    @Test
    void refusesOtherUsersAndUnknownApps() {
        String bob = api.newUser("bob@example.com");
        assertError(api.call("GET", "/api/apps/hello/tunnel", null, bob), 404, "app_not_found");
        assertError(api.call("GET", "/api/apps/nope/tunnel", null), 404, "app_not_found");
        assertError(api.call("GET", "/api/apps/hello/tunnel", null, "ferry_wrong"), 401, "unauthorized");
    }
}
