package dev.ferry.store.route;

/**
 * A shared route registry (Redis) could not be reached or did not answer in time; nothing was changed by the
 * operation that failed. Subscribers keep their last table; callers may try again.
 */
public final class RouteRegistryUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public RouteRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
