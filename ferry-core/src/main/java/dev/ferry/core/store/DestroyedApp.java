package dev.ferry.core.store;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Store#destroyApp} removed, so that the caller can remove the routes of the app and of its
 * domains from the route registry, which the store does not own.
 */
public record DestroyedApp(App app, List<AppDomain> domains) {

    public DestroyedApp {
        Objects.requireNonNull(app, "app");
        domains = List.copyOf(domains);
    }
}
