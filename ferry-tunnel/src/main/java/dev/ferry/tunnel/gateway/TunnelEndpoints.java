package dev.ferry.tunnel.gateway;

import dev.ferry.core.route.Endpoint;
import java.time.Duration;

/**
 * Where a {@link TunnelGateway} publishes its tunnels: {@link RegistryTunnelEndpoints} over the route registry
 * in {@code ferry up}, or a client of the platform's control API in a separate {@code ferry gateway} process.
 * Implementations may block (the gateway calls them on its worker threads) and throw a RuntimeException when
 * the platform cannot be reached; the gateway logs it and tries again at the next refresh.
 */
public interface TunnelEndpoints {

    /** Marks {@code name} as served by tunnels and adds (or renews) the endpoint in its pool for {@code ttl}. */
    void publish(String name, Endpoint endpoint, Duration ttl);

    /** Renews the endpoint for another {@code ttl}; by default the same as {@link #publish}. */
    default void refresh(String name, Endpoint endpoint, Duration ttl) {
        publish(name, endpoint, ttl);
    }

    /** Removes the endpoint; a name left served by hosted instances only is an ordinary app name again. */
    void withdraw(String name, String endpointId);
}
