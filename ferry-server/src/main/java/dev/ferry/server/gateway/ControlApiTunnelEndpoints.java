package dev.ferry.server.gateway;

import dev.ferry.core.route.Endpoint;
import dev.ferry.tunnel.gateway.TunnelEndpoints;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@link TunnelEndpoints} of a separate gateway: {@code PUT}/{@code DELETE
 * /api/tunnel-gateways/{id}/endpoints/{endpointId}} with the admin token, so that the platform's registry gets
 * exactly what the in-process gateway would write. A refresh is a publish (it is idempotent), so a platform
 * restarted meanwhile gets the tunnel back whole.
 */
public final class ControlApiTunnelEndpoints implements TunnelEndpoints {

    private final ControlApiClient api;
    private final String adminToken;
    private final String gatewayId;

    public ControlApiTunnelEndpoints(ControlApiClient api, String adminToken, String gatewayId) {
        this.api = Objects.requireNonNull(api, "api");
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
        this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    }

    @Override
    public void publish(String name, Endpoint endpoint, Duration ttl) {
        var body = ControlApiClient.JSON.createObjectNode().put("name", name).put("host", endpoint.host())
                .put("port", endpoint.port()).put("ttlSeconds", Math.max(1, ttl.toSeconds()));
        api.call("PUT", path(endpoint.id()), adminToken, body);
    }

    @Override
    public void withdraw(String name, String endpointId) {
        api.call("DELETE", path(endpointId) + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), adminToken, null);
    }

    private String path(String endpointId) {
        return "/api/tunnel-gateways/" + gatewayId + "/endpoints/" + endpointId;
    }
}
