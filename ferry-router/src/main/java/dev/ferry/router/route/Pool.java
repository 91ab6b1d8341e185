package dev.ferry.router.route;

import dev.ferry.core.route.Endpoint;
import java.util.Set;

/**
 * The live selection state of one route's pool: which endpoint gets the next request or connection.
 *
 * <p>Implementations honour the route's {@link dev.ferry.core.route.Balancing} and weights, skip endpoints
 * that passive or active health has taken out, and are safe to call from any event loop without blocking.
 * The proxy calls {@link #started} when it sends a request (or opens a TCP relay) to an endpoint and
 * {@link #finished} exactly once when that exchange ends, whatever the outcome; least-outstanding
 * balancing counts on it.
 */
public interface Pool {

    /** The route, as of the table the request was looked up in. */
    dev.ferry.core.route.Route route();

    /**
     * Chooses an endpoint for a new request.
     *
     * @param affinityId the endpoint id named by the client's affinity cookie, or {@code null}; honoured
     *                   when that endpoint is still in the pool, healthy and not excluded
     * @param excluded   ids already tried for this request (retries go elsewhere); never {@code null}
     * @return the endpoint, or {@code null} when no healthy endpoint is left (503 {@code no_healthy_instance})
     */
    Endpoint pick(String affinityId, Set<String> excluded);

    /**
     * True while at least one endpoint is neither ejected by passive health nor marked down by active health.
     * When every connect attempt of a request failed and this is false, the pool as a whole is down and the
     * proxy answers 503 {@code no_healthy_instance} rather than a 502 about one endpoint.
     */
    boolean anyHealthy();

    /** A request or connection to {@code endpoint} begins. */
    void started(Endpoint endpoint);

    /** A request or connection to {@code endpoint} ended (successfully or not). */
    void finished(Endpoint endpoint);

    /**
     * The endpoint refused or reset a connection: passive health takes it out of every pool for the
     * configured period (30 s by default), after which it comes back by itself.
     */
    void failed(Endpoint endpoint, Throwable cause);
}
