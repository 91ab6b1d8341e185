package dev.ferry.tunnel.agent;

import dev.ferry.tunnel.agent.GatewayDirectory.GatewayAddress;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link TunnelAgent} tells its user (the CLI prints each as one line). Called from the agent's
 * threads; implementations must not block for long. Every method does nothing by default.
 */
public interface AgentListener {

    /** A connection to a gateway is up and serves {@code hosts}. */
    default void connected(GatewayAddress gateway, List<String> hosts) {
    }

    /** A connection ended (gateway gone, network, heartbeat); the agent reconnects by itself. */
    default void disconnected(GatewayAddress gateway, String reason) {
    }

    /** The next attempt is in {@code delay}, after a failure described by {@code reason}. */
    default void retrying(Duration delay, String reason) {
    }

    /** One request served through the tunnel, when its response head arrived. */
    default void request(RequestRecord request) {
    }

    /** The platform refused the tunnel for good; the agent has stopped. */
    default void refused(String message) {
    }
}
