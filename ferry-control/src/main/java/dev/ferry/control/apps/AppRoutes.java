package dev.ferry.control.apps;

import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.AppStore;
import java.util.Objects;

/**
 * Keeps the router's view of apps: every app has a route at each of its {@link AppHostNames}, {@code <app>.<domain>}
 * and one per custom domain. They are created with an empty pool, so the router answers 503
 * {@code no_healthy_instance} until a runtime registers endpoints; an existing route (and its pool) is left as it is.
 */
public final class AppRoutes {

    private final RouteRegistry registry;
    private final AppHostNames hostNames;
    private final int httpPort;

    /**
     * @param domain   the apps' domain, e.g. {@code localhost}
     * @param httpPort the router's HTTP port, for web URLs
     */
    public AppRoutes(RouteRegistry registry, String domain, int httpPort) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.hostNames = new AppHostNames(domain);
        this.httpPort = httpPort;
    }

    /** {@code http://<app>.<domain>[:port]/}, the port left out when it is 80. */
    public String webUrl(AppName app) {
        return "http://" + defaultHost(app) + (httpPort == 80 ? "" : ":" + httpPort) + "/";
    }

    /** {@code <app>.<domain>}. */
    public String defaultHost(AppName app) {
        return hostNames.defaultHost(app);
    }

    /** The apps' domain. */
    public String domain() {
        return hostNames.domain();
    }

    /** The host names of apps under the apps' domain. */
    public AppHostNames hostNames() {
        return hostNames;
    }

    void addApp(AppName app) {
        addHost(defaultHost(app));
    }

    void addHost(String hostname) {
        if (registry.table().route(hostname) == null) {
            registry.putRoute(hostname, RoutePolicy.DEFAULT);
        }
    }

    void removeHost(String hostname) {
        registry.removeRoute(hostname);
    }

    /** Removes the app's default route and the routes its domains created; routes they joined stay. */
    void removeApp(DestroyedApp destroyed) {
        removeHost(defaultHost(destroyed.app().name()));
        destroyed.domains().stream().filter(AppDomain::ownsRoute).forEach(d -> removeHost(d.hostname()));
    }

    /** True when a route for the app's default host exists, made by something other than an app. */
    boolean defaultHostRouted(AppName app) {
        return registry.table().route(defaultHost(app)) != null;
    }

    RouteRegistry registry() {
        return registry;
    }

    /**
     * Adds the routes of every app of the store that lacks one, e.g. after a crash between a store write
     * and the registry's. Called once at start.
     */
    public void syncAll(AppStore apps) {
        for (App app : apps.allApps()) {
            hostNames.of(app.name(), apps).forEach(this::addHost);
        }
    }
}
