package dev.ferry.core.route;

import java.time.Duration;
import java.util.Optional;

/**
 * The port that owns the route table: who serves which domain and TCP port, each endpoint registered
 * permanently or with a TTL that its owner refreshes by registering again (an endpoint not refreshed within
 * its TTL is removed by the registry itself), and a change stream of {@link RouteChange}s.
 *
 * <p>The embedded implementation keeps the table in memory and journals it in the data directory; the
 * distributed one (later) keeps it in Redis. Mutations return once the change is durable and has been
 * handed to every subscriber.
 */
public interface RouteRegistry extends AutoCloseable {

    /** The current table. */
    RouteTable table();

    /** Creates the route with this policy and no endpoints, or changes the policy of an existing one. */
    Route putRoute(String domain, RoutePolicy policy);

    /**
     * Adds {@code endpoint} to the route's pool, creating the route with the default policy when absent.
     * An endpoint with the same id is replaced (its weight updated) and its TTL refreshed.
     *
     * @param ttl how long the registration lives without a refresh; {@link Optional#empty()} for permanent
     */
    Route addEndpoint(String domain, Endpoint endpoint, Optional<Duration> ttl);

    /** Removes one endpoint from a route's pool; the route stays, even when empty. Empty if no such route. */
    Optional<Route> removeEndpoint(String domain, String endpointId);

    /** Removes a route with its whole pool; false if there was none. */
    boolean removeRoute(String domain);

    /** Creates the TCP route with this policy and no endpoints, or changes the policy of an existing one. */
    TcpRoute putTcpRoute(int port, RoutePolicy policy);

    /** As {@link #addEndpoint} for a TCP route. */
    TcpRoute addTcpEndpoint(int port, Endpoint endpoint, Optional<Duration> ttl);

    /** As {@link #removeEndpoint} for a TCP route. */
    Optional<TcpRoute> removeTcpEndpoint(int port, String endpointId);

    /** As {@link #removeRoute} for a TCP route. */
    boolean removeTcpRoute(int port);

    /**
     * Starts delivering the table and then its changes to {@code listener}, until the returned handle is
     * closed.
     */
    Subscription subscribe(RouteListener listener);

    /** Stops delivery to one listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    void close();
}
