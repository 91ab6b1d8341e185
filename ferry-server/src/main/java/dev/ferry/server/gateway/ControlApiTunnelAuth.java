package dev.ferry.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import dev.ferry.tunnel.gateway.TunnelAuth;
import dev.ferry.tunnel.gateway.TunnelRefused;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link TunnelAuth} of a separate gateway: asks {@code POST /api/tunnel-gateways/{id}/grants} with the
 * gateway's admin token, the agent's token, the app and the agent's address, so the platform applies the same rule
 * as in {@code ferry up} (admin, owner or collaborator) and counts a wrong token against the agent's address, not
 * the gateway's. A refusal becomes a {@link TunnelRefused} with the platform's code ({@code unauthorized},
 * {@code forbidden}, {@code too_many_failures}); an API failure propagates (the agent is told to retry, and a
 * tunnel being rechecked is kept).
 */
public final class ControlApiTunnelAuth implements TunnelAuth {

    private final ControlApiClient api;
    private final String adminToken;
    private final String gatewayId;

    public ControlApiTunnelAuth(ControlApiClient api, String adminToken, String gatewayId) {
        this.api = Objects.requireNonNull(api, "api");
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
        this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    }

    /** Not used: the gateway always names the agent's address ({@link #authorize(String, AppName, String)}). */
    @Override
    public Grant authorize(String token, AppName app) {
        throw new UnsupportedOperationException("a separate gateway asks with the agent's address");
    }

    @Override
    public Grant authorize(String token, AppName app, String client) throws TunnelRefused {
        var question = ControlApiClient.JSON.createObjectNode().put("token", token).put("app", app.value())
                .put("client", client);
        JsonNode answer = api.call("POST", "/api/tunnel-gateways/" + gatewayId + "/grants", adminToken, question);
        if (!answer.path("allowed").asBoolean(false)) {
            throw new TunnelRefused(answer.path("code").asText("forbidden"),
                    answer.path("error").asText("the platform refused this tunnel"));
        }
        List<String> appHosts = new ArrayList<>();
        answer.path("appHosts").forEach(h -> appHosts.add(h.asText()));
        return new Grant(new UserId(answer.path("user").asLong()), app, answer.path("previewHost").asText(), appHosts);
    }
}
