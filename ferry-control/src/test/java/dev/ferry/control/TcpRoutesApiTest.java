package dev.ferry.control;

import static dev.ferry.control.RoutesApiTest.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Balancing;
import dev.ferry.core.route.RouteTable;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpRoutesApiTest {

    private final RunningControlServer api = new RunningControlServer(Set.of(8080, 7070));

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createsListsAndRemovesTcpRoutes() {
        HttpResponse<String> created = api.call("POST", "/api/tcp-routes",
                "{\"port\":15432,\"targetUrl\":\"tcp://127.0.0.1:5432\",\"balancing\":\"least_outstanding\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("port").asInt()).isEqualTo(15432);
        assertThat(json(created).get("targets").get(0).get("url").asText()).isEqualTo("tcp://127.0.0.1:5432");
        assertThat(json(created).get("balancing").asText()).isEqualTo("least_outstanding");
        assertThat(api.registry.table().tcpRoute(15432).policy().balancing()).isEqualTo(Balancing.LEAST_OUTSTANDING);

        assertThat(api.call("POST", "/api/tcp-routes", "{\"port\":15432,\"targetUrl\":\"tcp://127.0.0.1:5433\",\"weight\":3}")
                .statusCode()).isEqualTo(201);
        assertError(api.call("POST", "/api/tcp-routes", "{\"port\":15432,\"targetUrl\":\"tcp://127.0.0.1:5433\"}"), 409, "target_exists");

        HttpResponse<String> list = api.call("GET", "/api/tcp-routes", null);
        assertThat(json(list)).hasSize(1);
        assertThat(json(list).get(0).get("targets")).hasSize(2);
        assertThat(json(api.call("GET", "/api/tcp-routes/15432", null))).isEqualTo(json(list).get(0));

        HttpResponse<String> removed = api.call("DELETE", "/api/tcp-routes/15432/targets?url=tcp://127.0.0.1:5432", null);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(removed).get("targets")).hasSize(1);
        assertError(api.call("DELETE", "/api/tcp-routes/15432/targets?url=tcp://127.0.0.1:5432", null), 404, "target_not_found");

        assertThat(api.call("DELETE", "/api/tcp-routes/15432", null).statusCode()).isEqualTo(204);
        assertThat(api.registry.table().tcpRoute(15432)).isNull();
        assertError(api.call("GET", "/api/tcp-routes/15432", null), 404, "route_not_found");
        assertError(api.call("DELETE", "/api/tcp-routes/15432", null), 404, "route_not_found");
    }

    @Test
    void refusesReservedPortsAndBadInputWithoutChangingAnything() {
        RouteTable before = api.registry.table();
        assertError(api.call("POST", "/api/tcp-routes", "{\"port\":8080,\"targetUrl\":\"tcp://127.0.0.1:5432\"}"), 409, "port_reserved");
        assertError(api.call("POST", "/api/tcp-routes", "{\"port\":0,\"targetUrl\":\"tcp://127.0.0.1:5432\"}"), 422, "invalid_port");
        assertError(api.call("POST", "/api/tcp-routes", "{\"port\":70000,\"targetUrl\":\"tcp://127.0.0.1:5432\"}"), 422, "invalid_port");
        assertError(api.call("POST", "/api/tcp-routes", "{\"port\":15432,\"targetUrl\":\"http://127.0.0.1:5432\"}"), 422, "invalid_target");
        assertError(api.call("POST", "/api/tcp-routes", "{\"port\":15432,\"targetUrl\":\"tcp://127.0.0.1\"}"), 422, "invalid_target");
        assertError(api.call("POST", "/api/tcp-routes", "{\"port\":\"15432\",\"targetUrl\":\"tcp://127.0.0.1:1\"}"), 400, "bad_request");
        assertError(api.call("POST", "/api/tcp-routes", "{\"port\":15432,\"targetUrl\":\"tcp://127.0.0.1:1\",\"affinity\":true}"), 400, "bad_request");
        assertError(api.call("GET", "/api/tcp-routes/abc", null), 400, "bad_request");
        assertError(api.call("GET", "/api/tcp-routes/0", null), 422, "invalid_port");
        assertThat(api.routeChanges()).isZero();
        assertThat(api.registry.table()).isEqualTo(before);
    }

    @Test
    void paginatesTcpRoutesByPort() {
        for (int port : new int[] {3000, 1000, 2000}) {
            api.call("POST", "/api/tcp-routes", "{\"port\":" + port + ",\"targetUrl\":\"tcp://127.0.0.1:5432\"}");
        }
        HttpResponse<String> first = api.call("GET", "/api/tcp-routes?limit=2", null);
        assertThat(json(first).findValuesAsText("port")).containsExactly("1000", "2000");
        assertThat(first.headers().firstValue("Link")).hasValue("</api/tcp-routes?limit=2&after=2000>; rel=\"next\"");
        HttpResponse<String> rest = api.call("GET", "/api/tcp-routes?limit=2&after=2000", null);
        assertThat(json(rest).findValuesAsText("port")).containsExactly("3000");
        assertThat(rest.headers().firstValue("Link")).isEmpty();
    }
}
