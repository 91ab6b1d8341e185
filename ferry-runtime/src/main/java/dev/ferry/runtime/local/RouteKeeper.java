package dev.ferry.runtime.local;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps healthy web instances registered in the {@link RouteRegistry} under every host of their app, with a
 * TTL refreshed by {@link #refreshAll} (called every {@code routeRefresh}). The hosts are read again on each
 * refresh, so a domain added later gets the endpoints and a removed one loses them. Registration and
 * deregistration of one instance are serialised on its entry, so a refresh never re-adds a removed endpoint.
 */
final class RouteKeeper {

    private static final Logger log = LoggerFactory.getLogger(RouteKeeper.class);

    private final RouteRegistry registry;
    private final Function<AppName, List<String>> hostsOfApp;
    private final Duration ttl;
    private final Map<RunningInstance, Set<String>> registered = new ConcurrentHashMap<>();

    RouteKeeper(RouteRegistry registry, Function<AppName, List<String>> hostsOfApp, Duration ttl) {
        this.registry = registry;
        this.hostsOfApp = hostsOfApp;
        this.ttl = ttl;
    }

    /** Registers {@code instance} under its app's hosts. */
    void register(RunningInstance instance) {
        synchronized (instance.routeLock()) {
            Set<String> hosts = hosts(instance.app());
            add(instance, hosts);
            registered.put(instance, hosts);
        }
    }

    /** Removes {@code instance}'s endpoint from every host it was under; false when it was not registered. */
    boolean deregister(RunningInstance instance) {
        synchronized (instance.routeLock()) {
            Set<String> hosts = registered.remove(instance);
            if (hosts == null) {
                return false;
            }
            hosts.addAll(hosts(instance.app()));
            Endpoint endpoint = instance.endpoint();
            for (String host : hosts) {
                try {
                    registry.removeEndpoint(host, endpoint.id());
                } catch (RuntimeException e) {
                    log.warn("could not deregister {} from {}: {}", instance.name(), host, e.toString());
                }
            }
            return true;
        }
    }

    /** Refreshes every registration's TTL, following changes to the apps' hosts. */
    void refreshAll() {
        Map<AppName, Set<String>> hostsNow = new HashMap<>();
        for (RunningInstance instance : registered.keySet()) {
            Set<String> hosts = hostsNow.computeIfAbsent(instance.app(), this::hosts);
            synchronized (instance.routeLock()) {
                Set<String> before = registered.get(instance);
                if (before == null) {
                    continue;
                }
                add(instance, hosts);
                for (String gone : before) {
                    if (!hosts.contains(gone)) {
                        try {
                            registry.removeEndpoint(gone, instance.endpoint().id());
                        } catch (RuntimeException e) {
                            log.warn("could not deregister {} from {}: {}", instance.name(), gone, e.toString());
                        }
                    }
                }
                registered.put(instance, new LinkedHashSet<>(hosts));
            }
        }
    }

    private void add(RunningInstance instance, Set<String> hosts) {
        Endpoint endpoint = instance.endpoint();
        for (String host : hosts) {
            try {
                registry.addEndpoint(host, endpoint, Optional.of(ttl));
            } catch (RuntimeException e) {
                log.warn("could not register {} under {}: {}", instance.name(), host, e.toString());
            }
        }
    }

    private Set<String> hosts(AppName app) {
        try {
            return new LinkedHashSet<>(hostsOfApp.apply(app));
        } catch (RuntimeException e) {
            log.warn("could not read the hosts of {}: {}", app, e.toString());
            return new LinkedHashSet<>();
        }
    }
}
