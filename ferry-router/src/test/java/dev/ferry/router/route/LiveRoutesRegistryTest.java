package dev.ferry.router.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.RouteTableFile;
import dev.ferry.core.route.TcpRoute;
import dev.ferry.router.Transport;
import dev.ferry.testing.MemoryRouteRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveRoutesRegistryTest {

    private static final Transport TRANSPORT = Transport.detect();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static EventLoopGroup group;

    private final Endpoint a = Endpoint.of("127.0.0.1", 9001);
    private final Endpoint b = Endpoint.of("127.0.0.1", 9002);
    private final MemoryRouteRegistry registry = new MemoryRouteRegistry();
    private final List<LiveRoutes> opened = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startGroup() {
        group = TRANSPORT.newGroup(1, "registry-test");
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        opened.forEach(LiveRoutes::close);
        registry.close();
    }

    private LiveRoutes liveRoutes(LiveRoutesConfig config) {
        LiveRoutes routes = new LiveRoutes(registry, config, TRANSPORT, group, new SimpleMeterRegistry());
        opened.add(routes);
        return routes;
    }

    private static RouteTable tableWith(String domain, Endpoint... endpoints) {
        return RouteTable.of(List.of(new Route(domain, List.of(endpoints), RoutePolicy.DEFAULT)), List.of());
    }

    @Test
    void appliesDiffsVisibleThroughHttpLookup() {
        LiveRoutes routes = liveRoutes(LiveRoutesConfig.defaults());
        routes.start();
        await().atMost(WAIT).until(() -> registry.subscribers() == 1);
        assertThat(routes.http("hello.localhost")).isNull();

        registry.addEndpoint("hello.localhost", a, Optional.empty());
        assertThat(routes.http("hello.localhost").route().endpoints()).containsExactly(a);
        registry.addEndpoint("hello.localhost", b, Optional.empty());
        assertThat(routes.http("hello.localhost").pick(null, Set.of(a.id()))).isEqualTo(b);
        registry.removeEndpoint("hello.localhost", a.id());
        assertThat(routes.http("hello.localhost").route().endpoints()).containsExactly(b);

        registry.addEndpoint("*.apps.localhost", a, Optional.empty());
        assertThat(routes.http("x.apps.localhost").route().domain()).isEqualTo("*.apps.localhost");
        registry.removeRoute("hello.localhost");
        assertThat(routes.http("hello.localhost")).isNull();
        assertThat(routes.http("x.apps.localhost")).isNotNull();

        registry.addTcpEndpoint(15432, a, Optional.empty());
        assertThat(routes.tcp(15432).pick(null, Set.of())).isEqualTo(a);
        registry.removeTcpRoute(15432);
        assertThat(routes.tcp(15432)).isNull();
    }

    @Test
    void callsTableListenersAfterEachSwap() {
        LiveRoutes routes = liveRoutes(LiveRoutesConfig.defaults());
        List<RouteTable> seen = new CopyOnWriteArrayList<>();
        routes.addTableListener(t -> {
            assertThat(routes.table()).isSameAs(t);
            seen.add(t);
        });
        routes.start();
        await().atMost(WAIT).until(() -> registry.subscribers() == 1);
        registry.addEndpoint("hello.localhost", a, Optional.empty());
        assertThat(seen).last().isEqualTo(tableWith("hello.localhost", a));
    }

    @Test
    void servesThePersistedSnapshotWhileTheRegistryHangs() {
        Path file = dir.resolve("routes.table");
        RouteTableFile.write(file, tableWith("hello.localhost", a));
        registry.mode(MemoryRouteRegistry.Mode.HANG);
        LiveRoutes routes = liveRoutes(LiveRoutesConfig.builder().snapshotFile(file).build());

        long began = System.nanoTime();
        routes.start();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
        assertThat(routes.http("hello.localhost").pick(null, Set.of())).isEqualTo(a);
        await().atMost(WAIT).until(() -> registry.subscribeCalls() >= 1);
        assertThat(routes.http("hello.localhost")).isNotNull();
    }

    @Test
    void servesThePersistedSnapshotWhileTheRegistryThrowsAndCatchesUpWhenItRecovers() {
        Path file = dir.resolve("routes.table");
        RouteTableFile.write(file, tableWith("hello.localhost", a));
        registry.mode(MemoryRouteRegistry.Mode.THROW);
        registry.setQuietly(tableWith("hello.localhost", b));
        LiveRoutes routes = liveRoutes(LiveRoutesConfig.builder().snapshotFile(file).build());
        routes.start();
        assertThat(routes.http("hello.localhost").pick(null, Set.of())).isEqualTo(a);
        await().atMost(WAIT).until(() -> registry.subscribeCalls() >= 2);
        assertThat(routes.http("hello.localhost").pick(null, Set.of())).isEqualTo(a);

        registry.mode(MemoryRouteRegistry.Mode.SERVE);
        await().atMost(Duration.ofSeconds(15)).until(() -> routes.http("hello.localhost").pick(null, Set.of()).equals(b));
    }

    @Test
    void keepsTheLastTableThroughARegistryFailureAndResubscribes() {
        LiveRoutes routes = liveRoutes(LiveRoutesConfig.defaults());
        routes.start();
        await().atMost(WAIT).until(() -> registry.subscribers() == 1);
        registry.addEndpoint("hello.localhost", a, Optional.empty());

        registry.mode(MemoryRouteRegistry.Mode.THROW);
        registry.fail(new IllegalStateException("connection to the registry lost"));
        registry.setQuietly(tableWith("other.localhost", b));
        await().atMost(WAIT).until(() -> registry.subscribeCalls() >= 2);
        assertThat(routes.http("hello.localhost").pick(null, Set.of())).isEqualTo(a);

        registry.mode(MemoryRouteRegistry.Mode.SERVE);
        await().atMost(Duration.ofSeconds(15)).until(() -> routes.http("other.localhost") != null);
        assertThat(routes.http("hello.localhost")).isNull();
        assertThat(routes.table()).isEqualTo(registry.table());
        registry.addEndpoint("other.localhost", a, Optional.empty());
        assertThat(routes.http("other.localhost").route().endpoints()).containsExactly(b, a);
    }

    @Test
    void startsEmptyWhenTheSnapshotFileIsUnreadable() throws Exception {
        Path file = dir.resolve("routes.table");
        Files.writeString(file, "this is not a route\n");
        registry.mode(MemoryRouteRegistry.Mode.HANG);
        LiveRoutes routes = liveRoutes(LiveRoutesConfig.builder().snapshotFile(file).build());
        routes.start();
        assertThat(routes.table().size()).isZero();
    }

    @Test
    void persistsTheTableAfterChangesAndOnClose() throws Exception {
        Path file = dir.resolve("data").resolve("routes.table");
        LiveRoutes routes = liveRoutes(LiveRoutesConfig.builder().snapshotFile(file)
                .snapshotWriteDelay(Duration.ofMillis(50)).build());
        routes.start();
        await().atMost(WAIT).until(() -> registry.subscribers() == 1);
        registry.addEndpoint("hello.localhost", a, Optional.empty());
        registry.addTcpEndpoint(15432, b, Optional.empty());
        await().atMost(WAIT).until(() -> Files.exists(file) && RouteTableFile.read(file).equals(registry.table()));

        registry.addEndpoint("late.localhost", b, Optional.empty());
        routes.close();
        assertThat(RouteTableFile.read(file)).isEqualTo(registry.table());
    }

    @Test
    void loadsAHundredThousandRoutesAndAppliesOneChangeQuickly() {
        List<Route> many = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            many.add(new Route("app" + i + ".localhost", List.of(Endpoint.of("10.0." + (i / 250) % 256 + "." + i % 250, 8000 + i % 1000)), RoutePolicy.DEFAULT));
        }
        registry.setQuietly(RouteTable.of(many, List.of(TcpRoute.empty(15432))));
        LiveRoutes routes = liveRoutes(LiveRoutesConfig.defaults());
        routes.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> routes.table().size() == 100_000);
        assertThat(routes.http("app99999.localhost").pick(null, Set.of())).isNotNull();

        long began = System.nanoTime();
        registry.publish(new RouteChange.HttpRouteSet(new Route("app5.localhost", List.of(a, b), RoutePolicy.DEFAULT)));
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(routes.http("app5.localhost").route().endpoints()).containsExactly(a, b);
        assertThat(routes.http("app6.localhost").route().endpoints()).hasSize(1);
    }
}
