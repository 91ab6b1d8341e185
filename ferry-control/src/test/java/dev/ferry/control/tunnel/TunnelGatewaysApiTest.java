package dev.ferry.control.tunnel;

import static dev.ferry.control.RunningControlServer.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.route.Route;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TunnelGatewaysApiTest {

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void publishesAndWithdrawsASeparateGatewaysEndpoint() {
        HttpResponse<String> put = api.call("PUT", "/api/tunnel-gateways/gw1/endpoints/gw1-hello-1",
                "{\"name\":\"hello--dev.localhost\",\"host\":\"127.0.0.1\",\"port\":41000,\"ttlSeconds\":30}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Route route = api.registry.table().route("hello--dev.localhost");
        assertThat(route.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("gw1-hello-1");
            assertThat(e.tunnel()).isTrue();
            assertThat(e.port()).isEqualTo(41000);
        });

        HttpResponse<String> delete = api.call("DELETE",
                "/api/tunnel-gateways/gw1/endpoints/gw1-hello-1?name=hello--dev.localhost", null);
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);
        assertThat(api.registry.table().route("hello--dev.localhost").endpoints()).isEmpty();
    }

    @Test
    void refusesNonAdminsAndBadBodies() {
        String bob = api.newUser("bob@example.com");
        String body = "{\"host\":\"127.0.0.2\",\"port\":7000,\"fingerprint\":\"sha256:00\",\"ttlSeconds\":30}";
        assertError(api.call("PUT", "/api/tunnel-gateways/gw1", body, bob), 403, "forbidden");
        assertError(api.call("PUT", "/api/tunnel-gateways/gw1", body, "ferry_wrong"), 401, "unauthorized");
        assertError(api.call("PUT", "/api/tunnel-gateways/gw1", body.replace("30}", "0}")), 400, "bad_request");
        assertThat(api.call("PUT", "/api/tunnel-gateways/gw1", body).statusCode()).isEqualTo(200);
        assertThat(api.call("DELETE", "/api/tunnel-gateways/gw1", null).statusCode()).isEqualTo(204);
    }

    @Test
    void keepsTheAgentsARegisteredGatewayReportsAndRefusesBadReports() {
        String agents = "{\"agents\":[{\"tunnelId\":\"gw1-hello-1\",\"app\":\"hello\",\"userId\":1,"
                + "\"client\":\"127.0.0.9:5000\",\"hosts\":[\"hello--dev.localhost\"],"
                + "\"connectedSince\":\"2026-12-05T10:00:00Z\",\"lastHeard\":\"2026-12-05T10:00:09Z\",\"connections\":3}]}";
        assertError(api.call("PUT", "/api/tunnel-gateways/gw1/agents", agents), 400, "bad_request");
        assertThat(api.separateGateways.connected()).as("no gateway gw1 yet: nothing kept").isEmpty();
        assertThat(api.call("PUT", "/api/tunnel-gateways/gw1",
                "{\"host\":\"127.0.0.2\",\"port\":7000,\"fingerprint\":\"sha256:00\",\"ttlSeconds\":30}")
                .statusCode()).isEqualTo(200);

        assertThat(api.call("PUT", "/api/tunnel-gateways/gw1/agents", agents).statusCode()).isEqualTo(204);

        assertThat(api.separateGateways.connected()).singleElement().satisfies(a -> {
            assertThat(a.app()).isEqualTo("hello");
            assertThat(a.client()).isEqualTo("127.0.0.9:5000");
            assertThat(a.lastHeard()).isEqualTo(java.time.Instant.parse("2026-12-05T10:00:09Z"));
            assertThat(a.connections()).isEqualTo(3);
        });
        assertError(api.call("PUT", "/api/tunnel-gateways/gw1/agents", agents.replace("2026-12-05T10:00:09Z", "soon")),
                400, "bad_request");
        assertError(api.call("PUT", "/api/tunnel-gateways/gw1/agents", "{\"agents\":[{\"app\":\"x\"}]}"),
                400, "bad_request");
        assertThat(api.separateGateways.connected()).as("a refused report changes nothing").hasSize(1);
        assertThat(api.call("PUT", "/api/tunnel-gateways/gw1/agents", "{\"agents\":[]}").statusCode()).isEqualTo(204);
        assertThat(api.separateGateways.connected()).isEmpty();
    }

    @Test
    void listsARegisteredGatewayUntilItsRegistrationExpires() {
        var clock = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        RegisteredGateways gateways = new RegisteredGateways(new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return clock.get();
            }
        });
        gateways.register("gw2", new TunnelDirectory.Gateway("127.0.0.2", 7000, "sha256:00"), Duration.ofSeconds(30));
        assertThat(gateways.live()).extracting(TunnelDirectory.Gateway::host).containsExactly("127.0.0.2");
        gateways.agents("gw2", java.util.List.of(new dev.ferry.core.route.TunnelAgent("t1", "hello", 1, "127.0.0.9:1",
                java.util.List.of(), clock.get(), clock.get(), 0)));
        gateways.register("gw2", new TunnelDirectory.Gateway("127.0.0.2", 7000, "sha256:00"), Duration.ofSeconds(30));
        assertThat(gateways.connected()).as("a renewal keeps the agents").hasSize(1);
        clock.set(clock.get().plusSeconds(31));
        assertThat(gateways.live()).isEmpty();
        assertThat(gateways.connected()).as("the agents go with the registration").isEmpty();
    }
}
