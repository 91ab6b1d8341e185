package dev.ferry.server.gateway;

import dev.ferry.api.client.TunnelGatewayCalls;
import dev.ferry.core.api.TunnelGrant;
import dev.ferry.core.api.TunnelGrantRequest;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import dev.ferry.tunnel.gateway.TunnelAuth;
import dev.ferry.tunnel.gateway.TunnelRefused;
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

    private final TunnelGatewayCalls api;

    public ControlApiTunnelAuth(TunnelGatewayCalls api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** Not used: the gateway always names the agent's address ({@link #authorize(String, AppName, String)}). */
    @Override
    public Grant authorize(String token, AppName app) {
        throw new UnsupportedOperationException("a separate gateway asks with the agent's address");
    }

    @Override
    public Grant authorize(String token, AppName app, String client) throws TunnelRefused {
        TunnelGrant answer = api.grant(new TunnelGrantRequest(token, app.value(), client));
        if (!answer.allowed()) {
            throw new TunnelRefused(answer.code() == null ? "forbidden" : answer.code(),
                    answer.error() == null ? "the platform refused this tunnel" : answer.error());
        }
        return new Grant(new UserId(answer.user()), app, answer.previewHost(),
                answer.appHosts() == null ? List.of() : answer.appHosts());
    }
}
