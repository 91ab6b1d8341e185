package dev.ferry.router.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HealthCheck;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.router.Transport;
import dev.ferry.testing.MemoryRouteRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActiveHealthCheckTest {

    private static final Transport TRANSPORT = Transport.detect();
    private static final HealthCheck FAST = new HealthCheck("/healthz", Duration.ofMillis(100), Duration.ofMillis(80), 2, 3);

    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger checks = new AtomicInteger();
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MemoryRouteRegistry registry = new MemoryRouteRegistry();
    private EventLoopGroup group;
    private HttpServer backend;
    private LiveRoutes routes;
    private Endpoint endpoint;
    private Endpoint spare;

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            paths.add(exchange.getRequestURI().getPath());
            checks.incrementAndGet();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        backend.start();
        endpoint = Endpoint.of("127.0.0.1", backend.getAddress().getPort());
        // A second endpoint that nobody listens on: it fails every check.
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            spare = Endpoint.of("127.0.0.1", s.getLocalPort());
        }
        group = TRANSPORT.newGroup(1, "health-test");
        routes = new LiveRoutes(registry, LiveRoutesConfig.defaults(), TRANSPORT, group, meters);
        routes.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.subscribers() == 1);
    }

    @AfterEach
    void stop() {
        routes.close();
        registry.close();
        backend.stop(0);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private double endpoints(String state) {
        return meters.get("ferry.router.endpoints").tag("state", state).gauge().value();
    }

    @Test
    void takesAnEndpointOutAfterFallFailuresAndBackAfterRiseSuccesses() {
        registry.publish(new RouteChange.HttpRouteSet(new Route("hello.localhost", List.of(endpoint),
                RoutePolicy.DEFAULT.withHealthCheck(FAST))));
        Pool pool = routes.http("hello.localhost");
        assertThat(pool.pick(null, Set.of())).isEqualTo(endpoint);
        await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() >= 2);
        assertThat(hosts).contains("hello.localhost");
        assertThat(paths).containsOnly("/healthz");

        status.set(503);
        int before = checks.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.pick(null, Set.of()) == null);
        assertThat(checks.get() - before).isGreaterThanOrEqualTo(FAST.fall());
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoints("down") == 1.0);

        status.set(404);
        int downAt = checks.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.pick(null, Set.of()) != null);
        assertThat(checks.get() - downAt).isGreaterThanOrEqualTo(FAST.rise());
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoints("healthy") == 1.0);
    }

    @Test
    void neverPicksAnEndpointThatActiveHealthMarkedDownEvenWhenOthersAreEjected() {
        registry.publish(new RouteChange.HttpRouteSet(new Route("hello.localhost", List.of(endpoint, spare),
                RoutePolicy.DEFAULT.withHealthCheck(FAST))));
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoints("down") == 1.0);
        Pool pool = routes.http("hello.localhost");
        for (int i = 0; i < 10; i++) {
            assertThat(pool.pick(null, Set.of())).isEqualTo(endpoint);
        }
        pool.failed(endpoint, null);
        assertThat(pool.pick(null, Set.of())).isEqualTo(endpoint);
        assertThat(pool.pick(null, Set.of(endpoint.id()))).isNull();
    }

    @Test
    void keepsHealthAcrossRouteChangesAndStopsWhenTheCheckIsRemoved() {
        registry.publish(new RouteChange.HttpRouteSet(new Route("*.apps.localhost", List.of(endpoint, spare),
                RoutePolicy.DEFAULT.withHealthCheck(FAST))));
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoints("down") == 1.0);
        assertThat(hosts).contains(endpoint.authority());

        registry.publish(new RouteChange.HttpRouteSet(new Route("*.apps.localhost", List.of(spare, endpoint),
                RoutePolicy.DEFAULT.withHealthCheck(FAST))));
        assertThat(routes.http("x.apps.localhost").pick(null, Set.of())).isEqualTo(endpoint);

        registry.publish(new RouteChange.HttpRouteSet(new Route("*.apps.localhost", List.of(spare, endpoint),
                RoutePolicy.DEFAULT)));
        int after = checks.get();
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(checks.get() - after).isLessThanOrEqualTo(1);
        assertThat(routes.http("x.apps.localhost").pick(null, Set.of(endpoint.id()))).isEqualTo(spare);
    }
}
