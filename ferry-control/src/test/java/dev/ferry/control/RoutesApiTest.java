package dev.ferry.control;

import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.route.BackendProtocol;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteTable;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesApiTest {

    private static final String SEED = "{\"domain\":\"app1.local\",\"targetUrl\":\"http://127.0.0.1:9001\"}";

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void seedCommandCreatesRouteThatGetShows() {
        HttpResponse<String> created = api.call("POST", "/api/routes", SEED);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/routes/app1.local");
        JsonNode route = json(created);
        assertThat(route.get("domain").asText()).isEqualTo("app1.local");
        assertThat(route.get("targets")).hasSize(1);
        assertThat(route.get("targets").get(0).get("url").asText()).isEqualTo("http://127.0.0.1:9001");
        assertThat(route.get("targets").get(0).get("id").asText()).isEqualTo(Endpoint.idFor("127.0.0.1", 9001));
        assertThat(route.get("targets").get(0).get("weight").asInt()).isEqualTo(1);
        assertThat(route.get("balancing").asText()).isEqualTo("round_robin");
        assertThat(route.get("affinity").asBoolean()).isFalse();
        assertThat(route.get("healthCheck").isNull()).isTrue();

        HttpResponse<String> list = api.call("GET", "/api/routes", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list)).hasSize(1);
        assertThat(json(list).get(0)).isEqualTo(route);
        HttpResponse<String> one = api.call("GET", "/api/routes/app1.local", null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one)).isEqualTo(route);
        assertThat(api.registry.table().route("app1.local").endpoints()).containsExactly(Endpoint.of("127.0.0.1", 9001));
    }

    @Test
    void anotherTargetJoinsThePool() {
        api.call("POST", "/api/routes", SEED);
        HttpResponse<String> second = api.call("POST", "/api/routes",
                "{\"domain\":\"APP1.local\",\"targetUrl\":\"http://127.0.0.1:9002\",\"weight\":5}");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json(second).get("targets")).hasSize(2);
        assertThat(json(second).get("targets").get(1).get("weight").asInt()).isEqualTo(5);
        assertThat(api.registry.table().route("app1.local").endpoints()).hasSize(2);
    }

    @Test
    void refusesTheSameTargetTwiceAndChangesNothing() {
        api.call("POST", "/api/routes", SEED);
        RouteTable before = api.registry.table();
        HttpResponse<String> again = api.call("POST", "/api/routes",
                "{\"domain\":\"app1.local\",\"targetUrl\":\"http://127.0.0.1:9001/\",\"balancing\":\"least_outstanding\"}");
        assertError(again, 409, "target_exists");
        assertThat(api.registry.table()).isEqualTo(before);
    }

    @Test
    void policyFieldsOnPostUpdateThePolicy() {
        HttpResponse<String> r = api.call("POST", "/api/routes", "{\"domain\":\"app1.local\",\"targetUrl\":\"http://127.0.0.1:9001\","
                + "\"balancing\":\"least_outstanding\",\"affinity\":true,\"healthCheck\":{\"path\":\"/up\",\"intervalMs\":1000}}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode route = json(r);
        assertThat(route.get("balancing").asText()).isEqualTo("least_outstanding");
        assertThat(route.get("affinity").asBoolean()).isTrue();
        assertThat(route.get("healthCheck").get("path").asText()).isEqualTo("/up");
        assertThat(route.get("healthCheck").get("intervalMs").asLong()).isEqualTo(1000);
        assertThat(route.get("healthCheck").get("timeoutMs").asLong()).isEqualTo(1000);
        assertThat(route.get("healthCheck").get("rise").asInt()).isEqualTo(2);
        assertThat(route.get("healthCheck").get("fall").asInt()).isEqualTo(3);
        assertThat(api.registry.table().route("app1.local").policy().affinity()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "{not json                                                                      | 400 | bad_request",
        "[]                                                                             | 400 | bad_request",
        "{\"domain\":\"a.local\",\"domain\":\"b.local\",\"targetUrl\":\"http://127.0.0.1:9001\"} | 400 | bad_request",
        "{\"targetUrl\":\"http://127.0.0.1:9001\"}                                       | 400 | bad_request",
        "{\"domain\":\"a.local\"}                                                        | 400 | bad_request",
        "{\"domain\":7,\"targetUrl\":\"http://127.0.0.1:9001\"}                          | 400 | bad_request",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"weight\":\"x\"} | 400 | bad_request",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"affinity\":1}   | 400 | bad_request",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"healthCheck\":3} | 400 | bad_request",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"healthCheck\":{\"pth\":\"/\"}} | 400 | bad_request",
        "{\"domain\":\"bad_name!\",\"targetUrl\":\"http://127.0.0.1:9001\"}              | 422 | invalid_domain",
        "{\"domain\":\"a.local\",\"targetUrl\":\"ftp://127.0.0.1:9001\"}                  | 422 | invalid_target",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001/path\"}            | 422 | invalid_target",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"weight\":0}     | 422 | invalid_setting",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"weight\":1001}  | 422 | invalid_setting",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"balancing\":\"random\"} | 422 | invalid_setting",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"healthCheck\":{\"intervalMs\":5}} | 422 | invalid_setting",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"maxBodyBytes\":\"1MB\"} | 400 | bad_request",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"maxBodyBytes\":1.5} | 400 | bad_request",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"maxBodyBytes\":-1} | 422 | invalid_setting",
        "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"protocol\":\"h3\"} | 422 | invalid_setting",
    })
    void refusesBadCreateRequestsAndChangesNothing(String body, int status, String code) {
        api.call("POST", "/api/routes", SEED);
        int mutations = api.routeChanges();
        RouteTable before = api.registry.table();
        assertError(api.call("POST", "/api/routes", body), status, code);
        assertThat(api.routeChanges()).isEqualTo(mutations);
        assertThat(api.registry.table()).isEqualTo(before);
    }

    @Test
    void namesTheUnknownField() {
        HttpResponse<String> r = api.call("POST", "/api/routes",
                "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"wieght\":2}");
        assertError(r, 400, "bad_request");
        assertThat(json(r).get("error").asText()).contains("'wieght'");
        assertThat(api.routeChanges()).isZero();

        HttpResponse<String> nested = api.call("POST", "/api/routes",
                "{\"domain\":\"a.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"healthCheck\":{\"pth\":\"/\"}}");
        assertError(nested, 400, "bad_request");
        assertThat(json(nested).get("error").asText()).isEqualTo("the field 'healthCheck' has unknown field 'pth'; known"
                + " fields are fall, intervalMs, path, rise, timeoutMs");
        assertThat(api.routeChanges()).isZero();
    }

    @Test
    void answersUnknownRouteWithNotFound() {
        assertError(api.call("GET", "/api/routes/nope.local", null), 404, "route_not_found");
        assertError(api.call("DELETE", "/api/routes/nope.local", null), 404, "route_not_found");
        assertError(api.call("PATCH", "/api/routes/nope.local", "{\"affinity\":true}"), 404, "route_not_found");
        assertError(api.call("DELETE", "/api/routes/nope.local/targets?url=http://127.0.0.1:1", null), 404, "route_not_found");
        assertThat(json(api.call("GET", "/api/routes/nope.local", null)).get("error").asText())
                .isEqualTo("route nope.local not found");
        assertError(api.call("GET", "/api/routes/bad_name!", null), 422, "invalid_domain");
    }

    @Test
    void deletesRoute() {
        api.call("POST", "/api/routes", SEED);
        HttpResponse<String> r = api.call("DELETE", "/api/routes/app1.local", null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(api.registry.table().route("app1.local")).isNull();
        assertError(api.call("GET", "/api/routes/app1.local", null), 404, "route_not_found");
    }

    @Test
    void removesOneTargetByUrlOrById() {
        api.call("POST", "/api/routes", SEED);
        api.call("POST", "/api/routes", "{\"domain\":\"app1.local\",\"targetUrl\":\"http://127.0.0.1:9002\"}");
        api.call("POST", "/api/routes", "{\"domain\":\"app1.local\",\"targetUrl\":\"http://127.0.0.1:9003\"}");

        HttpResponse<String> byUrl = api.call("DELETE", "/api/routes/app1.local/targets?url=http%3A%2F%2F127.0.0.1%3A9001", null);
        assertThat(byUrl.statusCode()).isEqualTo(200);
        assertThat(json(byUrl).get("targets")).hasSize(2);

        String id = Endpoint.idFor("127.0.0.1", 9002);
        HttpResponse<String> byId = api.call("DELETE", "/api/routes/app1.local/targets/" + id, null);
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(json(byId).get("targets")).hasSize(1);
        assertThat(json(byId).get("targets").get(0).get("url").asText()).isEqualTo("http://127.0.0.1:9003");

        int mutations = api.routeChanges();
        assertError(api.call("DELETE", "/api/routes/app1.local/targets?url=http://127.0.0.1:9001", null), 404, "target_not_found");
        assertError(api.call("DELETE", "/api/routes/app1.local/targets/" + id, null), 404, "target_not_found");
        assertError(api.call("DELETE", "/api/routes/app1.local/targets", null), 400, "bad_request");
        assertError(api.call("DELETE", "/api/routes/app1.local/targets?url=tcp://x:1", null), 422, "invalid_target");
        assertThat(api.routeChanges()).isEqualTo(mutations);
    }

    @Test
    void carriesTheBodyLimitOnPostPatchAndGet() {
        assertThat(json(api.call("POST", "/api/routes", SEED)).get("maxBodyBytes").asLong()).isZero();
        HttpResponse<String> created = api.call("POST", "/api/routes",
                "{\"domain\":\"up.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"maxBodyBytes\":10485760}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("maxBodyBytes").asLong()).isEqualTo(10_485_760L);
        assertThat(api.registry.table().route("up.local").policy().maxBodyBytes()).isEqualTo(10_485_760L);

        HttpResponse<String> patched = api.call("PATCH", "/api/routes/up.local", "{\"maxBodyBytes\":5000000000}");
        assertThat(json(patched).get("maxBodyBytes").asLong()).isEqualTo(5_000_000_000L);
        assertThat(json(patched).get("targets")).hasSize(1);
        HttpResponse<String> removed = api.call("PATCH", "/api/routes/up.local", "{\"maxBodyBytes\":0}");
        assertThat(json(api.call("GET", "/api/routes/up.local", null)).get("maxBodyBytes").asLong()).isZero();
        assertThat(removed.statusCode()).isEqualTo(200);
        assertError(api.call("PATCH", "/api/routes/up.local", "{\"maxBodyBytes\":-5}"), 422, "invalid_setting");
    }

    @Test
    void carriesTheBackendProtocolOnPostPatchAndGet() {
        assertThat(json(api.call("POST", "/api/routes", SEED)).get("protocol").asText()).isEqualTo("http1");
        HttpResponse<String> created = api.call("POST", "/api/routes",
                "{\"domain\":\"grpc.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"protocol\":\"h2c\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("protocol").asText()).isEqualTo("h2c");
        assertThat(api.registry.table().route("grpc.local").policy().protocol()).isEqualTo(BackendProtocol.H2C);

        HttpResponse<String> patched = api.call("PATCH", "/api/routes/grpc.local", "{\"protocol\":\"HTTP1\"}");
        assertThat(json(patched).get("protocol").asText()).isEqualTo("http1");
        assertThat(json(api.call("GET", "/api/routes/grpc.local", null)).get("protocol").asText()).isEqualTo("http1");
        HttpResponse<String> refused = api.call("PATCH", "/api/routes/grpc.local", "{\"protocol\":\"h3\"}");
        assertError(refused, 422, "invalid_setting");
        assertThat(refused.body()).contains("http1, h2c");
        assertThat(api.registry.table().route("grpc.local").policy().protocol()).isEqualTo(BackendProtocol.HTTP1);
    }

    @Test
    void patchChangesOnlyTheGivenPolicyFields() {
        api.call("POST", "/api/routes", "{\"domain\":\"app1.local\",\"targetUrl\":\"http://127.0.0.1:9001\",\"affinity\":true}");
        HttpResponse<String> r = api.call("PATCH", "/api/routes/app1.local", "{\"balancing\":\"least-outstanding\",\"healthCheck\":{\"path\":\"/health\"}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("balancing").asText()).isEqualTo("least_outstanding");
        assertThat(json(r).get("affinity").asBoolean()).isTrue();
        assertThat(json(r).get("healthCheck").get("path").asText()).isEqualTo("/health");
        assertThat(json(r).get("targets")).hasSize(1);

        HttpResponse<String> cleared = api.call("PATCH", "/api/routes/app1.local", "{\"healthCheck\":null,\"affinity\":false}");
        assertThat(json(cleared).get("healthCheck").isNull()).isTrue();
        assertThat(json(cleared).get("affinity").asBoolean()).isFalse();

        int mutations = api.routeChanges();
        assertError(api.call("PATCH", "/api/routes/app1.local", "{\"targetUrl\":\"http://x:1\"}"), 400, "bad_request");
        assertError(api.call("PATCH", "/api/routes/app1.local", "{\"balancing\":\"fastest\"}"), 422, "invalid_setting");
        assertThat(api.routeChanges()).isEqualTo(mutations);
    }

    @Test
    void paginatesRoutesSortedByDomainWithNextLink() {
        for (int i = 0; i < 5; i++) {
            api.call("POST", "/api/routes", "{\"domain\":\"app" + (4 - i) + ".local\",\"targetUrl\":\"http://127.0.0.1:900" + i + "\"}");
        }
        HttpResponse<String> first = api.call("GET", "/api/routes?limit=2", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).findValuesAsText("domain")).containsExactly("app0.local", "app1.local");
        assertThat(first.headers().firstValue("Link")).hasValue("</api/routes?limit=2&after=app1.local>; rel=\"next\"");

        HttpResponse<String> second = api.call("GET", "/api/routes?limit=2&after=app1.local", null);
        assertThat(json(second).findValuesAsText("domain")).containsExactly("app2.local", "app3.local");
        HttpResponse<String> last = api.call("GET", "/api/routes?limit=2&after=app3.local", null);
        assertThat(json(last).findValuesAsText("domain")).containsExactly("app4.local");
        assertThat(last.headers().firstValue("Link")).isEmpty();

        assertThat(json(api.call("GET", "/api/routes", null))).hasSize(5);
        assertError(api.call("GET", "/api/routes?limit=0", null), 400, "bad_request");
        assertError(api.call("GET", "/api/routes?limit=10001", null), 400, "bad_request");
        assertError(api.call("GET", "/api/routes?limit=ten", null), 400, "bad_request");
    }

    static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = json(r);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.size()).isEqualTo(2);
    }
}
