package dev.ferry.server.tunnel;

import dev.ferry.control.tunnel.TunnelGatewaysApi;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.tunnel.gateway.RegistryTunnelEndpoints;
import java.time.Duration;

/**
 * What the control API does with the endpoints of separate {@code ferry gateway} processes: exactly what the
 * in-process gateway does, through {@link RegistryTunnelEndpoints} on the platform's registry.
 */
public final class EndpointsOfSeparateGateways implements TunnelGatewaysApi.Endpoints {

    private final RegistryTunnelEndpoints endpoints;

    public EndpointsOfSeparateGateways(RouteRegistry registry) {
        this.endpoints = new RegistryTunnelEndpoints(registry);
    }

    @Override
    public void publish(String name, Endpoint endpoint, Duration ttl) {
        endpoints.publish(name, endpoint, ttl);
    }

    @Override
    public void withdraw(String name, String endpointId) {
        endpoints.withdraw(name, endpointId);
    }
}
