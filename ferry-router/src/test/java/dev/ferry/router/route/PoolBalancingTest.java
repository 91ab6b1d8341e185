package dev.ferry.router.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Balancing;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteTable;
import dev.ferry.router.Transport;
import dev.ferry.testing.MemoryRouteRegistry;
import dev.ferry.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoolBalancingTest {

    private static final Transport TRANSPORT = Transport.detect();
    private static EventLoopGroup group;

    private final Endpoint a = Endpoint.of("127.0.0.1", 9001);
    private final Endpoint b = Endpoint.of("127.0.0.1", 9002, 3);
    private final Endpoint c = Endpoint.of("127.0.0.1", 9003);
    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MemoryRouteRegistry registry;
    private LiveRoutes routes;

    @BeforeAll
    static void startGroup() {
        group = TRANSPORT.newGroup(1, "pool-test");
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() {
        registry = new MemoryRouteRegistry();
        routes = new LiveRoutes(registry, LiveRoutesConfig.builder().clock(clock).build(), TRANSPORT, group, meters);
        routes.start();
    }

    @AfterEach
    void stop() {
        routes.close();
        registry.close();
    }

    private Pool route(RoutePolicy policy, Endpoint... endpoints) {
        registry.publish(new dev.ferry.core.route.RouteChange.HttpRouteSet(
                new Route("app.localhost", List.of(endpoints), policy)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> routes.http("app.localhost") != null
                        && routes.http("app.localhost").route().endpoints().equals(List.of(endpoints)));
        return routes.http("app.localhost");
    }

    private Map<Endpoint, Integer> picks(Pool pool, int n, Set<String> excluded) {
        Map<Endpoint, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(pool.pick(null, excluded), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void spreadsRoundRobinByWeight() {
        Pool pool = route(RoutePolicy.DEFAULT, a, b);
        assertThat(picks(pool, 400, Set.of())).containsEntry(a, 100).containsEntry(b, 300);
    }

    @Test
    void sendsEverythingToTunnelEndpointsWhileOneIsUsable() {
        Endpoint t1 = Endpoint.tunnel("gw-hello-1", "127.0.0.1", 9101);
        Endpoint t2 = Endpoint.tunnel("gw-hello-2", "127.0.0.1", 9102);
        Pool pool = route(RoutePolicy.DEFAULT, a, t1, t2);
        assertThat(picks(pool, 100, Set.of())).containsOnlyKeys(t1, t2).containsEntry(t1, 50);
        assertThat(picks(pool, 10, Set.of(t1.id(), t2.id()))).containsOnlyKeys(a);
        Pool afterDisconnect = route(RoutePolicy.DEFAULT, a);
        assertThat(picks(afterDisconnect, 10, Set.of())).containsOnlyKeys(a);
    }

    @Test
    void interleavesWeightedRoundRobinSmoothly() {
        Pool pool = route(RoutePolicy.DEFAULT, a, b);
        // nginx's smooth algorithm never sends the light endpoint two picks in a row at 1:3.
        Endpoint previous = null;
        for (int i = 0; i < 40; i++) {
            Endpoint e = pool.pick(null, Set.of());
            assertThat(e == a && previous == a).isFalse();
            previous = e;
        }
    }

    @Test
    void leastOutstandingPrefersTheLessLoaded() {
        Pool pool = route(RoutePolicy.DEFAULT.withBalancing(Balancing.LEAST_OUTSTANDING), a, c);
        for (int i = 0; i < 5; i++) {
            pool.started(a);
        }
        assertThat(picks(pool, 100, Set.of())).containsOnlyKeys(c);
        for (int i = 0; i < 5; i++) {
            pool.finished(a);
        }
        pool.started(c);
        assertThat(picks(pool, 100, Set.of())).containsOnlyKeys(a);
    }

    @Test
    void leastOutstandingScalesLoadByWeight() {
        Pool pool = route(RoutePolicy.DEFAULT.withBalancing(Balancing.LEAST_OUTSTANDING), a, b);
        // a: 1 in flight at weight 1 = 1.0; b: 2 in flight at weight 3 = 0.67 -> b is less loaded.
        pool.started(a);
        pool.started(b);
        pool.started(b);
        assertThat(picks(pool, 50, Set.of())).containsOnlyKeys(b);
    }

    @Test
    void skipsExcludedEndpoints() {
        Pool pool = route(RoutePolicy.DEFAULT, a, b, c);
        assertThat(picks(pool, 30, Set.of(b.id()))).containsOnlyKeys(a, c);
        Pool p2c = route(RoutePolicy.DEFAULT.withBalancing(Balancing.LEAST_OUTSTANDING), a, b, c);
        assertThat(picks(p2c, 30, Set.of(a.id(), c.id()))).containsOnlyKeys(b);
        assertThat(p2c.pick(null, Set.of(a.id(), b.id(), c.id()))).isNull();
    }

    @Test
    void honoursAffinityWhileTheEndpointIsUsable() {
        Pool pool = route(RoutePolicy.DEFAULT.withAffinity(true), a, b, c);
        for (int i = 0; i < 10; i++) {
            assertThat(pool.pick(c.id(), Set.of())).isEqualTo(c);
        }
    }

    @Test
    void fallsBackFromAffinityWhenTheEndpointIsGoneExcludedOrEjected() {
        Pool pool = route(RoutePolicy.DEFAULT.withAffinity(true), a, b, c);
        assertThat(pool.pick(c.id(), Set.of(c.id()))).isIn(a, b);
        pool.failed(c, new java.net.ConnectException("refused"));
        assertThat(picks(pool, 20, Set.of()).keySet()).doesNotContain(c);
        assertThat(pool.pick(c.id(), Set.of())).isIn(a, b);
        Pool without = route(RoutePolicy.DEFAULT.withAffinity(true), a, b);
        assertThat(without.pick(c.id(), Set.of())).isIn(a, b);
        assertThat(without.pick("nosuchid", Set.of())).isIn(a, b);
    }

    @Test
    void ignoresAffinityWhenTheRouteHasItOff() {
        Pool pool = route(RoutePolicy.DEFAULT, a, c);
        assertThat(picks(pool, 10, Set.of()).keySet()).containsExactlyInAnyOrder(a, c);
        Map<Endpoint, Integer> withCookie = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            withCookie.merge(pool.pick(c.id(), Set.of()), 1, Integer::sum);
        }
        assertThat(withCookie).containsEntry(a, 5).containsEntry(c, 5);
    }

    @Test
    void ejectsAFailedEndpointUntilTheEjectionPeriodPasses() {
        Pool pool = route(RoutePolicy.DEFAULT, a, c);
        pool.failed(a, new java.net.ConnectException("refused"));
        assertThat(picks(pool, 10, Set.of())).containsOnlyKeys(c);
        assertThat(meters.get("ferry.router.endpoint.ejections").counter().count()).isEqualTo(1.0);
        clock.advance(Duration.ofSeconds(29));
        assertThat(picks(pool, 10, Set.of())).containsOnlyKeys(c);
        clock.advance(Duration.ofSeconds(2));
        assertThat(picks(pool, 10, Set.of())).containsOnlyKeys(a, c);
    }

    @Test
    void ejectionAppliesToEveryPoolListingTheEndpoint() {
        Pool pool = route(RoutePolicy.DEFAULT, a, c);
        registry.publish(new dev.ferry.core.route.RouteChange.HttpRouteSet(
                new Route("other.localhost", List.of(a, b), RoutePolicy.DEFAULT)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> routes.http("other.localhost") != null);
        pool.failed(a, null);
        assertThat(picks(routes.http("other.localhost"), 10, Set.of())).containsOnlyKeys(b);
    }

    @Test
    void triesTheLeastRecentlyEjectedWhenAllAreEjected() {
        Pool pool = route(RoutePolicy.DEFAULT, a, c);
        pool.failed(c, null);
        clock.advance(Duration.ofSeconds(1));
        pool.failed(a, null);
        assertThat(picks(pool, 5, Set.of())).containsOnlyKeys(c);
        assertThat(pool.pick(null, Set.of(c.id()))).isEqualTo(a);
        assertThat(pool.pick(null, Set.of(a.id(), c.id()))).isNull();
    }

    @Test
    void returnsNullForAnEmptyPool() {
        Pool pool = route(RoutePolicy.DEFAULT);
        assertThat(pool.pick(null, Set.of())).isNull();
    }

    @Test
    void keepsInFlightCountsAcrossRouteChanges() {
        Pool before = route(RoutePolicy.DEFAULT.withBalancing(Balancing.LEAST_OUTSTANDING), a, c);
        before.started(a);
        before.started(a);
        Pool after = route(RoutePolicy.DEFAULT.withBalancing(Balancing.LEAST_OUTSTANDING), a, b, c);
        assertThat(after).isNotSameAs(before);
        assertThat(routes.inFlight(a.id())).isEqualTo(2);
        assertThat(picks(after, 30, Set.of()).keySet()).doesNotContain(a);

        route(RoutePolicy.DEFAULT, b, c);
        assertThat(routes.inFlight(a.id())).isEqualTo(2);
        before.finished(a);
        after.finished(a);
        assertThat(routes.inFlight(a.id())).isZero();

        Pool back = route(RoutePolicy.DEFAULT.withBalancing(Balancing.LEAST_OUTSTANDING), a, c);
        assertThat(routes.inFlight(a.id())).isZero();
        back.started(a);
        assertThat(routes.inFlight(a.id())).isEqualTo(1);
    }

    @Test
    void countsRoutesAndEndpointStatesInMeters() {
        Pool pool = route(RoutePolicy.DEFAULT, a, b, c);
        registry.publish(new dev.ferry.core.route.RouteChange.TcpRouteSet(
                new dev.ferry.core.route.TcpRoute(15432, List.of(a), RoutePolicy.DEFAULT)));
        pool.failed(b, null);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.get("ferry.router.routes").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("ferry.router.tcp.routes").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("ferry.router.endpoints").tag("state", "healthy").gauge().value()).isEqualTo(3.0);
            assertThat(meters.get("ferry.router.endpoints").tag("state", "ejected").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("ferry.router.endpoints").tag("state", "down").gauge().value()).isZero();
        });
        assertThat(routes.table()).isEqualTo(RouteTable.of(List.of(pool.route()), registry.table().tcpRoutes()));
        assertThat(Optional.ofNullable(routes.tcp(15432))).isPresent();
    }
}
