package dev.ferry.server.gateway;

import dev.ferry.core.api.GatewayAgents;
import dev.ferry.core.route.TunnelAgent;
import java.util.List;

/**
 * The agents connected to a separate gateway, as it reports them with each renewal of its registration
 * ({@code PUT /api/tunnel-gateways/{id}/agents}): the first {@value GatewayAgents#MAX_AGENTS} by app.
 */
final class GatewayAgentsReport {

    private GatewayAgentsReport() {
    }

    static GatewayAgents of(List<TunnelAgent> connected) {
        return new GatewayAgents(connected.stream().limit(GatewayAgents.MAX_AGENTS)
                .map(a -> new GatewayAgents.Agent(a.tunnelId(), a.app(), a.userId(), a.client(), a.hosts(),
                        a.connectedSince().toString(), a.lastHeard().toString(), a.connections()))
                .toList());
    }
}
