package dev.ferry.server.gateway;

import dev.ferry.api.client.TunnelGatewayCalls;
import dev.ferry.core.api.EndpointPublication;
import dev.ferry.core.route.Endpoint;
import dev.ferry.tunnel.gateway.TunnelEndpoints;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@link TunnelEndpoints} of a separate gateway: {@code PUT}/{@code DELETE
 * /api/tunnel-gateways/{id}/endpoints/{endpointId}} with the admin token, so that the platform's registry gets
 * exactly what the in-process gateway would write. A refresh is a publish (it is idempotent), so a platform
 * restarted meanwhile gets the tunnel back whole.
 */
public final class ControlApiTunnelEndpoints implements TunnelEndpoints {

    private final TunnelGatewayCalls api;

    public ControlApiTunnelEndpoints(TunnelGatewayCalls api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public void publish(String name, Endpoint endpoint, Duration ttl) {
        api.publish(endpoint.id(), EndpointPublication.request(name, endpoint.host(), endpoint.port(),
                (int) Math.max(1, ttl.toSeconds())));
    }

    @Override
    public void withdraw(String name, String endpointId) {
        api.withdraw(endpointId, name);
    }
}
