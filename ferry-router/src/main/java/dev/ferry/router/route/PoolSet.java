package dev.ferry.router.route;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HealthCheck;
import dev.ferry.core.route.HostName;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cached {@link DefaultPool} of every route, with the endpoint references and health checkers that go
 * with them. Applying a change rebuilds only the pools of the routes it names.
 *
 * <p>Threading: {@link #http} and {@link #tcp} are read by any thread; {@link #set} and {@link #remove} are
 * called only by the one thread applying changes. A set installs its pool before the table that names
 * the route is published, and a removal drops the pool after, so a lookup never misses a pool its table has.
 */
final class PoolSet implements AutoCloseable {

    private final ConcurrentHashMap<String, DefaultPool> httpPools = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, DefaultPool> tcpPools = new ConcurrentHashMap<>();
    private final Map<String, HealthChecker> checkers = new HashMap<>();
    private final EndpointStates states;
    private final EventLoopGroup group;
    private final Bootstrap probeTemplate;

    PoolSet(EndpointStates states, EventLoopGroup group, Bootstrap probeTemplate) {
        this.states = states;
        this.group = group;
        this.probeTemplate = probeTemplate;
    }

    DefaultPool http(String domain) {
        return httpPools.get(domain);
    }

    DefaultPool tcp(int port) {
        return tcpPools.get(port);
    }

    int tcpCount() {
        return tcpPools.size();
    }

    List<Collection<DefaultPool>> liveViews() {
        return List.of(httpPools.values(), tcpPools.values());
    }

    /** Installs the pool of a created or changed route; {@code old} is its previous table entry. */
    void set(RouteChange change, RouteTable old) {
        switch (change) {
            case RouteChange.HttpRouteSet set -> {
                Route r = set.route();
                Route previous = old.route(r.domain());
                String host = HostName.isWildcard(r.domain()) ? null : r.domain();
                DefaultPool pool = build(r, "http " + r.domain(), r.endpoints(), r.policy(), host,
                        previous == null ? List.of() : previous.endpoints());
                httpPools.put(r.domain(), pool);
            }
            case RouteChange.TcpRouteSet set -> {
                TcpRoute r = set.route();
                TcpRoute previous = old.tcpRoute(r.port());
                DefaultPool pool = build(r, "tcp " + r.port(), r.endpoints(), r.policy(), null,
                        previous == null ? List.of() : previous.endpoints());
                tcpPools.put(r.port(), pool);
            }
            default -> {
            }
        }
    }

    /** Drops the pool of a removed route; {@code old} is the table that still had it. */
    void remove(RouteChange change, RouteTable old) {
        switch (change) {
            case RouteChange.HttpRouteRemoved removed -> {
                Route previous = old.route(removed.domain());
                httpPools.remove(removed.domain());
                dropChecker("http " + removed.domain());
                if (previous != null) {
                    previous.endpoints().forEach(e -> states.release(e.id()));
                }
            }
            case RouteChange.TcpRouteRemoved removed -> {
                TcpRoute previous = old.tcpRoute(removed.port());
                tcpPools.remove(removed.port());
                dropChecker("tcp " + removed.port());
                if (previous != null) {
                    previous.endpoints().forEach(e -> states.release(e.id()));
                }
            }
            default -> {
            }
        }
    }

    private DefaultPool build(Object route, String key, List<Endpoint> endpoints, RoutePolicy policy,
                              String hostHeader, List<Endpoint> previousEndpoints) {
        // Retain the new ids before releasing the old ones so that state shared by both survives.
        endpoints.forEach(e -> states.retain(e.id()));
        previousEndpoints.forEach(e -> states.release(e.id()));
        EndpointHealth[] health = null;
        HealthCheck check = policy.healthCheck();
        if (check == null) {
            dropChecker(key);
        } else {
            HealthChecker checker = checkers.get(key);
            if (checker == null) {
                checker = new HealthChecker(key, group.next(), probeTemplate, check, hostHeader);
                checkers.put(key, checker);
            }
            checker.update(endpoints, check, hostHeader);
            health = new EndpointHealth[endpoints.size()];
            for (int i = 0; i < health.length; i++) {
                health[i] = checker.healthFor(endpoints.get(i).id());
            }
        }
        return new DefaultPool(route, endpoints, policy, states, health);
    }

    private void dropChecker(String key) {
        HealthChecker checker = checkers.remove(key);
        if (checker != null) {
            checker.close();
        }
    }

    @Override
    public void close() {
        checkers.values().forEach(HealthChecker::close);
        checkers.clear();
    }
}
