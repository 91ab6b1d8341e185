package dev.ferry.router.fuzz;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.router.route.Pool;
import dev.ferry.router.route.RouteLookup;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One route, {@value #HOST}, to one endpoint; counts what the proxy reported so the test can check that
 * every exchange it started also finished.
 */
final class FuzzRoutes implements RouteLookup {

    static final String HOST = "app.fuzz";

    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    private final Route route;

    FuzzRoutes(Endpoint endpoint) {
        this.route = Route.empty(HOST).withEndpoint(endpoint);
    }

    @Override
    public Pool http(String normalizedHost) {
        return HOST.equals(normalizedHost) ? pool : null;
    }

    @Override
    public Pool tcp(int port) {
        return null;
    }

    private final Pool pool = new Pool() {
        @Override
        public Route route() {
            return route;
        }

        @Override
        public Endpoint pick(String affinityId, Set<String> excluded) {
            Endpoint e = route.endpoints().get(0);
            return excluded.contains(e.id()) ? null : e;
        }

        @Override
        public boolean anyHealthy() {
            return true;
        }

        @Override
        public void started(Endpoint endpoint) {
            started.incrementAndGet();
        }

        @Override
        public void finished(Endpoint endpoint) {
            finished.incrementAndGet();
        }

        @Override
        public void failed(Endpoint endpoint, Throwable cause) {
            // one endpoint, never ejected: the fuzz test wants every request to reach the backend
        }
    };
}
