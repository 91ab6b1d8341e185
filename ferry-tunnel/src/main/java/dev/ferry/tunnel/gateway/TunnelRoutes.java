package dev.ferry.tunnel.gateway;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * What a tunnel changes in the {@link RouteRegistry}: its endpoint (marked {@link Endpoint#tunnel()}, with a
 * TTL) in the pool of each name it serves, and the {@link RoutePolicy#tunnel()} flag on those names, so that a
 * name left with an empty pool answers {@code app_offline}. When the last tunnel leaves a name that hosted
 * instances still serve, the flag is cleared again: that name is an ordinary app name once more.
 */
final class TunnelRoutes {

    private final RouteRegistry registry;
    private final Duration ttl;

    TunnelRoutes(RouteRegistry registry, Duration ttl) {
        this.registry = registry;
        this.ttl = ttl;
    }

    void publish(String host, Endpoint endpoint) {
        Route route = registry.table().route(host);
        if (route == null || !route.policy().tunnel()) {
            registry.putRoute(host, (route == null ? RoutePolicy.DEFAULT : route.policy()).withTunnel(true));
        }
        registry.addEndpoint(host, endpoint, Optional.of(ttl));
    }

    void refresh(String host, Endpoint endpoint) {
        registry.addEndpoint(host, endpoint, Optional.of(ttl));
    }

    void withdraw(String host, String endpointId) {
        Optional<Route> after = registry.removeEndpoint(host, endpointId);
        after.ifPresent(route -> {
            boolean hostedOnly = !route.endpoints().isEmpty() && route.endpoints().stream().noneMatch(Endpoint::tunnel);
            if (hostedOnly && route.policy().tunnel()) {
                registry.putRoute(host, route.policy().withTunnel(false));
            }
        });
    }
}
