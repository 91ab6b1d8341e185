package dev.ferry.control.apps;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.AppStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps the router's view of apps: every app has a route at each of its {@link AppHostNames}, {@code <app>.<domain>}
 * and one per custom domain. They are created with an empty pool, so the router answers 503
 * {@code no_healthy_instance} until a runtime registers endpoints; an existing route (and its pool) is left as it is.
 * An app in maintenance mode has the flag on the policy of each of its routes ({@link #setMaintenance}).
 */
public final class AppRoutes {

    /** How long an endpoint copied to a new host lives unless the runtime registers it there: its own TTL. */
    static final Duration COPIED_ENDPOINT_TTL = Duration.ofSeconds(30);

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

    /** The app a host name belongs to, as its default host or a custom domain, read from {@code apps} at each call. */
    public Function<String, Optional<String>> appOfHost(AppStore apps) {
        return host -> hostNames.appOfDefaultHost(host).filter(app -> apps.app(app).isPresent()).map(AppName::value)
                .or(() -> apps.domain(host).map(d -> d.app().value()));
    }

    /** The host names of apps under the apps' domain. */
    public AppHostNames hostNames() {
        return hostNames;
    }

    void addApp(AppName app) {
        addHost(defaultHost(app));
    }

    /**
     * Adds the route of a new host of {@code app}, in maintenance when the app is, serving at once: the endpoints
     * of the app's default host are copied into it with a TTL of {@link #COPIED_ENDPOINT_TTL}, until the runtime's
     * next refresh registers them there itself (and removes them there when an instance stops, since it reads the
     * app's hosts again). Without the copy a custom domain answered 503 for up to a refresh interval.
     */
    void addHost(AppName app, String hostname) {
        if (registry.table().route(hostname) != null) {
            return;
        }
        registry.putRoute(hostname, RoutePolicy.DEFAULT.withMaintenance(inMaintenance(app)));
        Route serving = registry.table().route(defaultHost(app));
        if (serving != null) {
            for (Endpoint endpoint : serving.endpoints()) {
                if (!endpoint.tunnel()) {
                    registry.addEndpoint(hostname, endpoint, Optional.of(COPIED_ENDPOINT_TTL));
                }
            }
        }
    }

    private void addHost(String hostname) {
        if (registry.table().route(hostname) == null) {
            registry.putRoute(hostname, RoutePolicy.DEFAULT);
        }
    }

    /**
     * Whether the app is in maintenance mode: its default host's route says so. The flag lives in the route
     * registry, which is persisted (journal or Redis), so it survives a restart, and reaches every router with the
     * route's next change.
     */
    public boolean inMaintenance(AppName app) {
        Route route = registry.table().route(defaultHost(app));
        return route != null && route.policy().maintenance();
    }

    /** Turns maintenance mode on or off on every host of the app; the instances keep running. */
    void setMaintenance(AppName app, AppStore apps, boolean on) {
        for (String host : hostNames.of(app, apps)) {
            Route route = registry.table().route(host);
            RoutePolicy policy = route == null ? RoutePolicy.DEFAULT : route.policy();
            if (route == null || policy.maintenance() != on) {
                registry.putRoute(host, policy.withMaintenance(on));
            }
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

    /**
     * Moves the app's default host from {@code from}'s to {@code to}'s: the new route gets the old one's policy
     * (maintenance mode included) and serves at once with copies of its endpoints ({@link #COPIED_ENDPOINT_TTL}),
     * then the old route is removed, so the old host answers 404 like any unknown host. Custom domains' routes are
     * the app's already and stay as they are.
     */
    void renameApp(AppName from, AppName to) {
        Route old = registry.table().route(defaultHost(from));
        if (registry.table().route(defaultHost(to)) == null) {
            registry.putRoute(defaultHost(to), old == null ? RoutePolicy.DEFAULT : old.policy());
        }
        if (old != null) {
            for (Endpoint endpoint : old.endpoints()) {
                if (!endpoint.tunnel()) {
                    registry.addEndpoint(defaultHost(to), endpoint, Optional.of(COPIED_ENDPOINT_TTL));
                }
            }
            removeHost(defaultHost(from));
        }
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
