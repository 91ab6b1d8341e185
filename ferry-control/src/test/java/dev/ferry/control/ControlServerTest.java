package dev.ferry.control;

import dev.ferry.store.route.JournaledRouteRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlServerTest {

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void answersHealthWithoutToken() {
        HttpResponse<String> r = api.call("GET", "/api/health", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(RunningControlServer.json(r).get("status").asText()).isEqualTo("ok");
        assertThat(api.call("GET", "/api/health/", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void servesMetricsAsPrometheusTextToTheAdminOnly() {
        assertUnauthorized(api.call("GET", "/metrics", null, null));
        assertUnauthorized(api.call("GET", "/metrics", null, "ferry_wrong"));
        HttpResponse<String> user = api.call("GET", "/metrics", null, api.newUser("alice@example.com"));
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(user.body()).doesNotContain("ferry_up");

        HttpResponse<String> r = api.call("GET", "/metrics", null, api.adminToken);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(RunningControlServer.METRICS);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(ControlServer.PROMETHEUS_CONTENT_TYPE);
    }

    @Test
    void refusesApiCallWithoutToken() {
        HttpResponse<String> r = api.call("GET", "/api/routes", null, null);
        assertUnauthorized(r);
    }

    @Test
    void refusesApiCallWithWrongToken() {
        assertUnauthorized(api.call("GET", "/api/routes", null, "ferry_wrong"));
        assertUnauthorized(api.call("POST", "/api/routes", "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\"}", "nope"));
        assertThat(api.routeChanges()).isZero();
    }

    @Test
    void refusesNonBearerAuthorization() {
        HttpResponse<String> r = api.call("GET", "/api/routes", null, null);
        assertUnauthorized(r);
        HttpResponse<String> basic = sendWithAuthorization("Basic dXNlcjpwYXNz");
        assertUnauthorized(basic);
    }

    @Test
    void answersUnknownApiPathWithNotFound() {
        HttpResponse<String> r = api.call("GET", "/api/no-such-thing", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(RunningControlServer.json(r).get("code").asText()).isEqualTo("not_found");
        assertThat(RunningControlServer.json(r).get("error").asText()).contains("/api/no-such-thing");
    }

    @Test
    void answersUnsupportedMethodWith405() {
        HttpResponse<String> r = api.call("PUT", "/api/routes", "{}");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(RunningControlServer.json(r).get("code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void failsClearlyWhenThePortIsTaken() {
        ControlConfig taken = ControlConfig.builder().port(api.server.port()).build();
        try (ControlServer second = new ControlServer(taken, JournaledRouteRegistry.inMemory(), api.store, t -> java.util.Optional.of(api.admin), () -> "")) {
            assertThatThrownBy(second::start)
                    .isInstanceOf(ControlServerStartException.class)
                    .hasMessageContaining("127.0.0.1:" + api.server.port())
                    .hasMessageContaining("already in use");
        }
    }

    private static void assertUnauthorized(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(RunningControlServer.json(r).get("code").asText()).isEqualTo("unauthorized");
        assertThat(RunningControlServer.json(r).get("error").asText()).isNotBlank();
    }

    private HttpResponse<String> sendWithAuthorization(String value) {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.baseUrl() + "/api/routes"))
                    .header("Authorization", value).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
