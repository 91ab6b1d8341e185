package dev.ferry.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.store.AppName;
import dev.ferry.tunnel.gateway.TunnelAuth;
import dev.ferry.tunnel.gateway.TunnelRefused;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link TunnelAuth} of a separate gateway: asks {@code GET /api/apps/{app}/tunnel} with the agent's own
 * token, so the platform applies the same rule as in {@code ferry up} (admin, owner or collaborator) and the
 * gateway holds no power over apps beyond what the agent's user has. 401 refuses as {@code unauthorized},
 * 403 and 404 as {@code forbidden}; other failures propagate (the agent is told to retry).
 */
public final class ControlApiTunnelAuth implements TunnelAuth {

    private final ControlApiClient api;

    public ControlApiTunnelAuth(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public Grant authorize(String token, AppName app) throws TunnelRefused {
        JsonNode info;
        try {
            info = api.call("GET", "/api/apps/" + app.value() + "/tunnel", token, null);
        } catch (ControlApiClient.ApiRefused e) {
            switch (e.status()) {
                case 401 -> throw TunnelRefused.unauthorized();
                case 403, 404 -> throw new TunnelRefused("forbidden", e.getMessage());
                default -> throw e;
            }
        }
        List<String> appHosts = new ArrayList<>();
        info.path("appHosts").forEach(h -> appHosts.add(h.asText()));
        return new Grant(app, info.path("previewHost").asText(), appHosts);
    }
}
