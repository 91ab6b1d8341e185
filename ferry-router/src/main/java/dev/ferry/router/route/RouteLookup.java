package dev.ferry.router.route;

/**
 * The router's view of the live route table, read on the hot path: never blocks, never leaves the process.
 * Implemented by {@link LiveRoutes}.
 */
public interface RouteLookup {

    /**
     * The pool of the route serving a request host, already normalised by
     * {@link dev.ferry.core.route.HostName#normalizeHostHeader}; {@code null} when no route matches (404
     * {@code no_such_app}).
     */
    Pool http(String normalizedHost);

    /** The pool of the TCP route on a listener port, or {@code null}. */
    Pool tcp(int port);
}
