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
        clock.set(clock.get().plusSeconds(31));
        assertThat(gateways.live()).isEmpty();
    }
}
