package dev.ferry.control.tunnel;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.core.api.GatewayAgents;
import dev.ferry.core.route.TunnelAgent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code PUT /api/tunnel-gateways/{id}/agents} into {@link TunnelAgent}s: at most
 * {@value GatewayAgents#MAX_AGENTS} agents, each with its tunnel id, app and times; anything else is refused with one
 * sentence naming the field ({@link InvalidInput}, 400) and keeps nothing.
 */
final class GatewayAgentsBody {

    private GatewayAgentsBody() {
    }

    static List<TunnelAgent> agents(GatewayAgents body) {
        if (body.agents() == null) {
            throw new InvalidInput("the request body needs the field 'agents'");
        }
        if (body.agents().size() > GatewayAgents.MAX_AGENTS) {
            throw new InvalidInput("a gateway reports at most " + GatewayAgents.MAX_AGENTS + " agents, not "
                    + body.agents().size());
        }
        List<TunnelAgent> out = new ArrayList<>(body.agents().size());
        for (GatewayAgents.Agent a : body.agents()) {
            if (a == null || blank(a.tunnelId()) || blank(a.app())) {
                throw new InvalidInput("each agent needs the fields 'tunnelId' and 'app'");
            }
            out.add(new TunnelAgent(a.tunnelId(), a.app(), a.userId() == null ? 0 : a.userId(),
                    a.client() == null ? "-" : a.client(), a.hosts() == null ? List.of() : a.hosts(),
                    time(a.connectedSince(), "connectedSince"), time(a.lastHeard(), "lastHeard"),
                    a.connections() == null ? 0 : a.connections()));
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant time(String value, String field) {
        try {
            return Instant.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("'" + field + "' must be an ISO-8601 UTC time such as 2026-12-05T10:00:00Z, not '"
                    + value + "'");
        }
    }
}
