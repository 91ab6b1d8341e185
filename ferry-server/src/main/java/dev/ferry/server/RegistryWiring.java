package dev.ferry.server;

import dev.ferry.core.route.RouteRegistry;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.store.route.JournaledRouteRegistry;
import dev.ferry.store.route.RedisRouteRegistry;
import java.io.IOException;

/**
 * Opens the route registry that {@link FerryConfig#registry()} names, for every role: the Redis registry that a
 * fleet's routers, gateways and control nodes share when {@code --registry redis://…} is given (not contacted
 * until first use, so a role starts while Redis is down), else the registry journaled in the data dir.
 */
public final class RegistryWiring {

    private RegistryWiring() {
    }

    public static RouteRegistry open(FerryConfig config, DataDirectory dataDirectory) throws IOException {
        if (config.registry().isPresent()) {
            return RedisRouteRegistry.open(config.registry().get());
        }
        return JournaledRouteRegistry.open(dataDirectory.routeJournal());
    }
}
