package dev.ferry.store.route;

import dev.ferry.core.route.RouteRegistryUnavailable;

/**
 * A shared route registry (Redis) could not be reached or did not answer in time; nothing was changed by the
 * operation that failed. Subscribers keep their last table; callers may try again. The control API answers it
 * with 503 (its core type, {@link RouteRegistryUnavailable}).
 */
public final class RouteRegistryUnavailableException extends RouteRegistryUnavailable {

    private static final long serialVersionUID = 1L;

    public RouteRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
