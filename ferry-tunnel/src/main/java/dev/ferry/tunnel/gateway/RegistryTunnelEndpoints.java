package dev.ferry.tunnel.gateway;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TunnelEndpoints} of a platform's own {@link RouteRegistry}: a tunnel's endpoint (marked
 * {@link Endpoint#tunnel()}, with a TTL) in the pool of each name it serves, and the {@link RoutePolicy#tunnel()}
 * flag on those names, so that a name left with an empty pool answers {@code app_offline}. When the last tunnel
 * leaves a name that hosted instances still serve, the flag is cleared again: that name is an ordinary app
 * name once more. Used by the gateway in {@code ferry up} and by the control API for separate gateways.
 */
public final class RegistryTunnelEndpoints implements TunnelEndpoints {

    private final RouteRegistry registry;

    public RegistryTunnelEndpoints(RouteRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void publish(String name, Endpoint endpoint, Duration ttl) {
        Route route = registry.table().route(name);
        if (route == null || !route.policy().tunnel()) {
            registry.putRoute(name, (route == null ? RoutePolicy.DEFAULT : route.policy()).withTunnel(true));
        }
        registry.addEndpoint(name, endpoint, Optional.of(ttl));
    }

    @Override
    public void refresh(String name, Endpoint endpoint, Duration ttl) {
        registry.addEndpoint(name, endpoint, Optional.of(ttl));
    }

    @Override
    public void withdraw(String name, String endpointId) {
        Optional<Route> after = registry.removeEndpoint(name, endpointId);
        after.ifPresent(route -> {
            boolean hostedOnly = !route.endpoints().isEmpty() && route.endpoints().stream().noneMatch(Endpoint::tunnel);
            if (hostedOnly && route.policy().tunnel()) {
                registry.putRoute(name, route.policy().withTunnel(false));
            }
        });
    }
}
