package dev.ferry.core.route;

import dev.ferry.core.store.StoreException;

/**
 * A shared {@link RouteRegistry} (Redis) could not be reached or did not answer in time; the operation that failed
 * changed nothing, and routers keep serving their last table. The control API answers it with 503 and this
 * sentence (code {@code registry_unavailable}), as it answers a store that is down; callers may try again.
 */
public class RouteRegistryUnavailable extends StoreException {

    private static final long serialVersionUID = 1L;

    public RouteRegistryUnavailable(String message, Throwable cause) {
        super("registry_unavailable", message, cause);
    }
}
