package dev.ferry.tunnel.gateway;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.TunnelAgent;
import io.netty.channel.Channel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected agent as the registry sees it: its endpoint, published on its names, refreshed until it is
 * withdrawn. Registry calls run on the gateway's worker threads; the lock keeps a late refresh from
 * re-adding a withdrawn endpoint.
 */
final class TunnelSession {

    private static final Logger log = LoggerFactory.getLogger(TunnelSession.class);

    private final Endpoint endpoint;
    private final List<String> hosts;
    private final Channel listener;
    private final TunnelEndpoints routes;
    private final java.time.Duration ttl;
    private final String app;
    private final AgentActivity activity;
    private boolean withdrawn;

    TunnelSession(Endpoint endpoint, List<String> hosts, Channel listener, TunnelEndpoints routes,
                  java.time.Duration ttl, String app, AgentActivity activity) {
        this.ttl = ttl;
        this.app = app;
        this.activity = activity;
        this.endpoint = endpoint;
        this.hosts = List.copyOf(hosts);
        this.listener = listener;
        this.routes = routes;
    }

    /** The agent behind this tunnel, for the admins' tunnels page. */
    TunnelAgent describe() {
        AgentActivity a = activity != null ? activity : new AgentActivity(0, "unknown");
        return new TunnelAgent(endpoint.id(), app, a.userId(), a.client(), hosts, a.connectedSince(), a.lastHeard(),
                a.connections());
    }

    synchronized void publish() {
        if (withdrawn) {
            return;
        }
        for (String host : hosts) {
            try {
                routes.publish(host, endpoint, ttl);
            } catch (RuntimeException e) {
                log.warn("cannot publish tunnel {} at {}: {}", endpoint.id(), host, e.toString());
            }
        }
    }

    synchronized void refresh() {
        if (withdrawn) {
            return;
        }
        for (String host : hosts) {
            try {
                routes.refresh(host, endpoint, ttl);
            } catch (RuntimeException e) {
                log.warn("cannot refresh tunnel {} at {}: {}", endpoint.id(), host, e.toString());
            }
        }
    }

    synchronized void withdraw() {
        if (withdrawn) {
            return;
        }
        withdrawn = true;
        listener.close();
        for (String host : hosts) {
            try {
                routes.withdraw(host, endpoint.id());
            } catch (RuntimeException e) {
                log.warn("cannot withdraw tunnel {} from {}: {}", endpoint.id(), host, e.toString());
            }
        }
    }
}
