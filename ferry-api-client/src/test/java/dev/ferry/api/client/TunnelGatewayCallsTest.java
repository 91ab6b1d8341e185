package dev.ferry.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.api.EndpointPublication;
import dev.ferry.core.api.GatewayRegistration;
import dev.ferry.core.api.TunnelGrant;
import dev.ferry.core.api.TunnelGrantRequest;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared client's typed gateway calls against the real control API: the same records on both ends. */
class TunnelGatewayCallsTest {

    private final RunningControlServer api = new RunningControlServer();
    private final TunnelGatewayCalls calls = new TunnelGatewayCalls(
            new ControlApiClient(api.baseUrl(), api.adminToken, Duration.ofSeconds(10)), "gw1");

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void registersPublishesAndAsksWithRecordsTheApiReads() {
        GatewayRegistration registered = calls.register(GatewayRegistration.request("127.0.0.1", 7000, "SHA256:abc", 30));
        assertThat(registered).isEqualTo(new GatewayRegistration("gw1", "127.0.0.1", 7000, "SHA256:abc", null));

        EndpointPublication published = calls.publish("ep1", EndpointPublication.request("elsewhere.localhost", "127.0.0.1", 7001, 30));
        assertThat(published.id()).isEqualTo("ep1");
        assertThat(published.name()).isEqualTo("elsewhere.localhost");
        calls.withdraw("ep1", "elsewhere.localhost");

        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        TunnelGrant granted = calls.grant(new TunnelGrantRequest(api.adminToken, "hello", "127.0.0.5"));
        assertThat(granted.allowed()).isTrue();
        assertThat(granted.app()).isEqualTo("hello");
        assertThat(granted.appHosts()).containsExactly("hello.localhost");
        assertThat(granted.code()).isNull();

        TunnelGrant denied = calls.grant(new TunnelGrantRequest("ferry_wrong", "hello", "127.0.0.5"));
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.code()).isEqualTo("unauthorized");
        assertThat(denied.user()).isNull();
        calls.deregister();
    }

    @Test
    void reportsTheApisRefusalWithItsStatusCodeAndSentence() {
        assertThatThrownBy(() -> calls.publish("ep1", EndpointPublication.request("hello.localhost", "127.0.0.1", 0, 30)))
                .isInstanceOfSatisfying(ApiRefused.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad_request");
                    assertThat(e.getMessage()).contains("'port' must be 1-65535");
                });
        TunnelGatewayCalls badToken = new TunnelGatewayCalls(
                new ControlApiClient(api.baseUrl(), "ferry_not-a-token", Duration.ofSeconds(10)), "gw1");
        assertThatThrownBy(badToken::deregister).isInstanceOfSatisfying(ApiRefused.class,
                e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void refusesUnknownFieldsSoANameWrittenWrongOnOneEndIsCaught() {
        var r = api.call("PUT", "/api/tunnel-gateways/gw1", "{\"host\":\"h\",\"port\":7000,\"fingerprint\":\"f\",\"ttl\":30}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unknown field 'ttl'");
    }

    @Test
    void reportsAnApiThatIsNotThereAsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ControlApiClient nowhere = new ControlApiClient("http://127.0.0.1:" + port, "t", Duration.ofSeconds(2));
        assertThatThrownBy(() -> nowhere.call("GET", "/api/apps", null)).isInstanceOfSatisfying(ApiUnreachable.class,
                e -> assertThat(e.reason()).isEqualTo("connection refused"));
    }
}
