package dev.ferry.router.route;

import dev.ferry.core.route.Balancing;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pool of one version of one route (HTTP or TCP): built when the route changes, read by every request.
 *
 * <p>Candidates are the endpoints that are not excluded, not marked down by active health and not ejected
 * by passive health. {@link Balancing#ROUND_ROBIN} is nginx's smooth weighted round-robin;
 * {@link Balancing#LEAST_OUTSTANDING} is the power of two choices on in-flight requests divided by weight.
 * When every endpoint left is passively ejected, the least recently ejected one is still returned: one try
 * that may succeed beats a certain 503. Endpoints that active health marked down are never returned.
 *
 * <p>Tunnel endpoints ({@link Endpoint#tunnel()}) take the route over: while one of them is usable, only tunnel
 * endpoints are candidates; when none is, the hosted ones serve again, with nothing to wait for.
 *
 * <p>Threading: any event loop may call any method; only the round-robin weights take a (short) lock.
 * A pick allocates nothing.
 */
final class DefaultPool implements Pool {

    private final Object route;
    private final RoutePolicy policy;
    private final Endpoint[] endpoints;
    private final EndpointState[] states;
    /** Per endpoint, or {@code null} when the route has no active health check. */
    private final EndpointHealth[] health;
    private final int[] currentWeights;
    private final EndpointStates allStates;
    private final boolean hasTunnels;

    DefaultPool(Object route, List<Endpoint> endpointList, RoutePolicy policy, EndpointStates allStates,
                EndpointHealth[] health) {
        this.route = route;
        this.policy = policy;
        this.endpoints = endpointList.toArray(new Endpoint[0]);
        this.allStates = allStates;
        this.health = health;
        this.states = new EndpointState[endpoints.length];
        for (int i = 0; i < endpoints.length; i++) {
            EndpointState s = allStates.state(endpoints[i].id());
            states[i] = s != null ? s : new EndpointState(endpoints[i].id());
        }
        this.currentWeights = new int[endpoints.length];
        this.hasTunnels = endpointList.stream().anyMatch(Endpoint::tunnel);
    }

    /** The HTTP route; for a TCP pool use {@link #routeObject()}. */
    @Override
    public Route route() {
        return route instanceof Route r ? r : null;
    }

    /** The {@link Route} or {@link dev.ferry.core.route.TcpRoute} this pool was built for. */
    Object routeObject() {
        return route;
    }

    int size() {
        return endpoints.length;
    }

    Endpoint endpoint(int i) {
        return endpoints[i];
    }

    boolean down(int i) {
        return health != null && health[i] != null && !health[i].up;
    }

    boolean ejected(int i, long now) {
        return states[i].ejected(now);
    }

    @Override
    public Endpoint pick(String affinityId, Set<String> excluded) {
        long now = allStates.now();
        boolean tunnelsOnly = hasTunnels && anyUsableTunnel(excluded, now);
        if (affinityId != null && policy.affinity()) {
            for (int i = 0; i < endpoints.length; i++) {
                if (endpoints[i].id().equals(affinityId)) {
                    if (usable(i, excluded, now, tunnelsOnly)) {
                        return endpoints[i];
                    }
                    break;
                }
            }
        }
        int chosen = policy.balancing() == Balancing.LEAST_OUTSTANDING
                ? leastOutstanding(excluded, now, tunnelsOnly)
                : smoothRoundRobin(excluded, now, tunnelsOnly);
        if (chosen < 0) {
            chosen = leastRecentlyEjected(excluded);
        }
        return chosen < 0 ? null : endpoints[chosen];
    }

    private boolean usable(int i, Set<String> excluded, long now, boolean tunnelsOnly) {
        return (!tunnelsOnly || endpoints[i].tunnel())
                && !down(i) && !states[i].ejected(now) && !excluded.contains(endpoints[i].id());
    }

    private boolean anyUsableTunnel(Set<String> excluded, long now) {
        for (int i = 0; i < endpoints.length; i++) {
            if (endpoints[i].tunnel() && usable(i, excluded, now, true)) {
                return true;
            }
        }
        return false;
    }

    private int smoothRoundRobin(Set<String> excluded, long now, boolean tunnelsOnly) {
        synchronized (currentWeights) {
            int total = 0;
            int best = -1;
            for (int i = 0; i < endpoints.length; i++) {
                if (!usable(i, excluded, now, tunnelsOnly)) {
                    continue;
                }
                int w = endpoints[i].weight();
                currentWeights[i] += w;
                total += w;
                if (best < 0 || currentWeights[i] > currentWeights[best]) {
                    best = i;
                }
            }
            if (best >= 0) {
                currentWeights[best] -= total;
            }
            return best;
        }
    }

    private int leastOutstanding(Set<String> excluded, long now, boolean tunnelsOnly) {
        int candidates = 0;
        for (int i = 0; i < endpoints.length; i++) {
            if (usable(i, excluded, now, tunnelsOnly)) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return -1;
        }
        if (candidates == 1) {
            return nthUsable(0, excluded, now, tunnelsOnly);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(candidates);
        int b = random.nextInt(candidates - 1);
        if (b >= a) {
            b++;
        }
        int ia = nthUsable(a, excluded, now, tunnelsOnly);
        int ib = nthUsable(b, excluded, now, tunnelsOnly);
        // Compare inFlight/weight without division: a/wa <= b/wb  <=>  a*wb <= b*wa.
        long loadA = (long) states[ia].inFlight.get() * endpoints[ib].weight();
        long loadB = (long) states[ib].inFlight.get() * endpoints[ia].weight();
        return loadA <= loadB ? ia : ib;
    }

    private int nthUsable(int n, Set<String> excluded, long now, boolean tunnelsOnly) {
        int seen = 0;
        for (int i = 0; i < endpoints.length; i++) {
            if (usable(i, excluded, now, tunnelsOnly) && seen++ == n) {
                return i;
            }
        }
        return -1;
    }

    private int leastRecentlyEjected(Set<String> excluded) {
        int best = -1;
        for (int i = 0; i < endpoints.length; i++) {
            if (down(i) || excluded.contains(endpoints[i].id())) {
                continue;
            }
            if (best < 0 || states[i].ejectedAtMillis < states[best].ejectedAtMillis) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean anyHealthy() {
        long now = allStates.now();
        for (int i = 0; i < endpoints.length; i++) {
            if (!down(i) && !states[i].ejected(now)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void started(Endpoint endpoint) {
        allStates.started(endpoint);
    }

    @Override
    public void finished(Endpoint endpoint) {
        allStates.finished(endpoint);
    }

    @Override
    public void failed(Endpoint endpoint, Throwable cause) {
        allStates.eject(endpoint, cause);
    }

    @Override
    public String toString() {
        return "Pool[" + route + "]";
    }
}
