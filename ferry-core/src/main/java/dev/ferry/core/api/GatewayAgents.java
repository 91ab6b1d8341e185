package dev.ferry.core.api;

import java.util.List;

/**
 * {@code PUT /api/tunnel-gateways/{id}/agents}: a separate gateway ({@code ferry gateway}) tells the control node it
 * registered with which agents are connected to it now, with each renewal of its registration, so that the admins'
 * tunnels page lists them beside the agents of the platform's own gateway. The list lives as long as the registration.
 *
 * @param agents at most {@value #MAX_AGENTS}
 */
public record GatewayAgents(List<Agent> agents) {

    public static final int MAX_AGENTS = 10_000;

    /**
     * One connected agent, as {@link dev.ferry.core.route.TunnelAgent} has it, times as ISO-8601 UTC strings.
     */
    public record Agent(String tunnelId, String app, Long userId, String client, List<String> hosts,
                        String connectedSince, String lastHeard, Long connections) {
    }
}
