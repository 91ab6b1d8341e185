package dev.ferry.core.route;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One agent ({@code ferry tunnel}) connected to a tunnel gateway of this process, as {@link TunnelAgents} reports it.
 *
 * @param tunnelId       the id of its tunnel endpoint in the route table
 * @param app            the app it serves
 * @param userId         the id of the user whose token opened it
 * @param client         the address it connected from
 * @param hosts          the host names it serves
 * @param connectedSince when its connection was accepted
 * @param lastHeard      when the gateway last read anything from it: a heartbeat's answer, its own ping or data
 * @param connections    how many router connections the gateway relayed to it
 */
public record TunnelAgent(String tunnelId, String app, long userId, String client, List<String> hosts,
                          Instant connectedSince, Instant lastHeard, long connections) {

    public TunnelAgent {
        Objects.requireNonNull(tunnelId, "tunnelId");
        Objects.requireNonNull(connectedSince, "connectedSince");
        Objects.requireNonNull(lastHeard, "lastHeard");
        hosts = List.copyOf(hosts);
    }
}
