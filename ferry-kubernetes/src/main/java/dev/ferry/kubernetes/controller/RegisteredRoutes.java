package dev.ferry.kubernetes.controller;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the controller registered for each Service (its hosts and ready endpoints) and the diff that moves the
 * {@link RouteRegistry} to a new state: endpoints that went are removed, new ones added with the TTL, and a host
 * whose pool this leaves empty loses its route. Endpoints another registrant put under the same host are never
 * touched. A host of a Service with no ready endpoint has an empty route (the router answers 503
 * {@code no_healthy_instance}). Not thread-safe: the controller calls it from its one reconciling thread.
 */
final class RegisteredRoutes {

    private static final Logger log = LoggerFactory.getLogger(RegisteredRoutes.class);

    private record Registration(Set<String> hosts, List<Endpoint> endpoints) {
    }

    private final RouteRegistry registry;
    private final Duration ttl;
    private final Map<ServiceKey, Registration> registered = new HashMap<>();

    RegisteredRoutes(RouteRegistry registry, Duration ttl) {
        this.registry = registry;
        this.ttl = ttl;
    }

    /** Routes each of {@code hosts} to exactly {@code endpoints} as far as this Service is concerned. */
    void apply(ServiceKey service, Set<String> hosts, List<Endpoint> endpoints) {
        Registration before = registered.getOrDefault(service, new Registration(Set.of(), List.of()));
        Set<String> newIds = new LinkedHashSet<>();
        endpoints.forEach(e -> newIds.add(e.id()));
        for (String host : before.hosts()) {
            if (!hosts.contains(host)) {
                removeHost(host, before.endpoints());
                continue;
            }
            for (Endpoint old : before.endpoints()) {
                if (!newIds.contains(old.id())) {
                    registry.removeEndpoint(host, old.id());
                }
            }
        }
        Set<String> oldIds = new LinkedHashSet<>();
        before.endpoints().forEach(e -> oldIds.add(e.id()));
        for (String host : hosts) {
            if (endpoints.isEmpty() && registry.table().route(host) == null) {
                registry.putRoute(host, RoutePolicy.DEFAULT); // no ready pod yet: 503, not 404
            }
            for (Endpoint endpoint : endpoints) {
                if (!before.hosts().contains(host) || !oldIds.contains(endpoint.id())) {
                    registry.addEndpoint(host, endpoint, Optional.of(ttl));
                }
            }
        }
        registered.put(service, new Registration(Set.copyOf(hosts), List.copyOf(endpoints)));
        log.info("service {} routes {} to {} ready endpoint(s)", service, hosts, endpoints.size());
    }

    /**
     * Takes over what another leader registered for {@code service} (its recorded hosts, with the Service's current
     * endpoints) without writing, so that the next {@link #apply} or {@link #forget} undoes what is no longer wanted.
     * A Service this controller already knows is left as it is.
     */
    void adopt(ServiceKey service, Set<String> hosts, List<Endpoint> endpoints) {
        registered.putIfAbsent(service, new Registration(Set.copyOf(hosts), List.copyOf(endpoints)));
    }

    /** The hosts {@code service} is routed under now; empty when none. */
    Set<String> hostsOf(ServiceKey service) {
        Registration registration = registered.get(service);
        return registration == null ? Set.of() : registration.hosts();
    }

    /** Removes everything registered for {@code service}; nothing when it had nothing. */
    void forget(ServiceKey service) {
        Registration before = registered.remove(service);
        if (before == null) {
            return;
        }
        for (String host : before.hosts()) {
            removeHost(host, before.endpoints());
        }
        log.info("service {} no longer routes {}", service, before.hosts());
    }

    /** Registers every endpoint again, which refreshes its TTL. */
    void refreshAll() {
        registered.forEach((service, registration) -> {
            for (String host : registration.hosts()) {
                for (Endpoint endpoint : registration.endpoints()) {
                    try {
                        registry.addEndpoint(host, endpoint, Optional.of(ttl));
                    } catch (RuntimeException e) {
                        log.warn("could not refresh {} of {} under {}: {}", endpoint.authority(), service, host, e.toString());
                    }
                }
            }
        });
    }

    /**
     * Removes this Service's endpoints from {@code host}, and the route when that leaves it empty, judged by what the
     * registry answers to the removal (a registry's table may follow its own writes a moment later).
     */
    private void removeHost(String host, List<Endpoint> endpoints) {
        Route left = registry.table().route(host);
        for (Endpoint endpoint : endpoints) {
            left = registry.removeEndpoint(host, endpoint.id()).orElse(null);
        }
        if (left != null && left.endpoints().isEmpty()) {
            registry.removeRoute(host);
        }
    }
}
