package dev.ferry.server.e2e;

import static dev.ferry.server.e2e.FleetNodeConfigs.controlConfig;
import static dev.ferry.server.e2e.FleetNodeConfigs.newKey;
import static dev.ferry.server.e2e.FleetNodeConfigs.routerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.server.router.RouterNode;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.route.RedisServerProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet on one machine, every part real and on ephemeral loopback ports: Redis (append-only) as the route
 * registry, PostgreSQL as the store, two control roles ({@link Platform#startControl}, as {@code ferry control}
 * runs) and two routers (one {@code ferry router} in a child JVM, one {@link RouterNode} in this one). A route
 * added through either control node is served by both routers, an app pushed with git to one control node is
 * served through both, and after a {@code kill -9} of one router the other keeps serving it.
 */
class FleetTest {

    private static PostgresServerProcess postgres;

    @TempDir
    Path dir;

    private final List<AutoCloseable> fleet = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServerProcess.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void servesWhatEitherControlNodeAddsThroughBothRoutersAndOneRouterOutlivesTheKillOfTheOther() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             Backend a = Backend.start("a");
             Backend b = Backend.start("b")) {
            try {
                runFleet(redis, a, b);
            } finally {
                for (int i = fleet.size() - 1; i >= 0; i--) {
                    fleet.get(i).close(); // before Redis stops, so that the instances deregister
                }
            }
        }
    }

    private void runFleet(RedisServerProcess redis, Backend a, Backend b) throws Exception {
        String key = newKey();
        Map<String, String> flags = Map.of("--store", postgres.url(postgres.newDatabase()), "--registry", redis.uri());
        FerryConfig shared = new FerryConfigResolver(Map.of("FERRY_SECRET_KEY", key,
                "PGPASSWORD", PostgresServerProcess.PASSWORD), dir.resolve("home")).resolve(flags);
        Platform control1 = started(Platform.startControl(controlConfig(shared, dir.resolve("control1")),
                RuntimePlatform.TUNING));
        Platform control2 = started(Platform.startControl(controlConfig(shared, dir.resolve("control2")),
                RuntimePlatform.TUNING));
        assertThat(control1.httpPort()).as("a control node runs no router").isEqualTo(-1);
        ChildRouter router1 = started(ChildRouter.start(dir.resolve("router1"), redis.uri()));
        RouterNode router2 = started(RouterNode.start(routerConfig(shared, dir.resolve("router2")),
                RuntimePlatform.TUNING));
        Api api1 = new Api(control1.apiPort(), router1.httpPort, control1.adminToken().token());
        Api api2 = new Api(control2.apiPort(), router2.httpPort(), control2.adminToken().token());
        List<Api> routers = List.of(new Api(0, router1.httpPort, ""), new Api(0, router2.httpPort(), ""));

        assertThat(api1.post("/api/routes", "{\"domain\":\"one.localhost\",\"targetUrl\":\"" + a.url() + "\"}")
                .statusCode()).isEqualTo(201);
        assertThat(api2.post("/api/routes", "{\"domain\":\"two.localhost\",\"targetUrl\":\"" + b.url() + "\"}")
                .statusCode()).isEqualTo(201);
        for (Api router : routers) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(router.viaRouter("one.localhost", "/").body()).isEqualTo("backend a\n");
                assertThat(router.viaRouter("two.localhost", "/").body()).isEqualTo("backend b\n");
            });
        }

        assumeTrue(control1.runtime().isPresent(), "this build of Ferry has no runtime");
        assertThat(api1.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("home"), control1.adminToken().token());
        Git.Result pushed = app.push("http://127.0.0.1:" + control1.apiPort() + "/git/hello.git");
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        for (Api router : routers) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(router.viaRouter("hello.localhost", "/").body()).isEqualTo("hello v1 web.1\n"));
        }
        assertThat(api2.get("/api/apps/hello/releases").body()).as("the other control node reads it from PostgreSQL")
                .contains("\"version\":1");

        try (RequestLoop loop = new RequestLoop(router2.httpPort(), "hello.localhost", 2)) {
            loop.awaitServing("hello v1", Duration.ofSeconds(10));
            router1.kill();
            loop.awaitServing("hello v1", Duration.ofSeconds(10));
            assertThat(loop.failures()).as("requests through the router that stayed").isEmpty();
        }
    }

    @Test
    void upOnTheSharedRegistryServesItsRoutesThroughItsOwnRouterAndTheFleets() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             Backend a = Backend.start("a")) {
            FerryConfig shared = new FerryConfigResolver(Map.of(), dir.resolve("home"))
                    .resolve(Map.of("--registry", redis.uri()));
            try (Platform up = Platform.start(FerryConfig.ephemeral(dir.resolve("up")).toBuilder()
                         .registry(shared.registry()).build(), RuntimePlatform.TUNING);
                 RouterNode router = RouterNode.start(routerConfig(shared, dir.resolve("router")),
                         RuntimePlatform.TUNING)) {
                Api api = new Api(up.apiPort(), up.httpPort(), up.adminToken().token());
                assertThat(api.post("/api/routes", "{\"domain\":\"one.localhost\",\"targetUrl\":\"" + a.url() + "\"}")
                        .statusCode()).isEqualTo(201);
                for (int port : new int[] {up.httpPort(), router.httpPort()}) {
                    Api via = new Api(0, port, "");
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                            assertThat(via.viaRouter("one.localhost", "/").body()).isEqualTo("backend a\n"));
                }
                assertThat(redis.commands().hexists("ferry:routes", "http one.localhost")).as("the route is in Redis").isTrue();
                assertThat(up.dataDirectory().routeJournal()).as("no embedded journal").doesNotExist();
            }
        }
    }

    @Test
    void routersServeWhilePostgresRestartsAndTheControlNodeRefusesWritesWithoutHalfWriting() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             Backend a = Backend.start("a")) {
            FerryConfig shared = new FerryConfigResolver(Map.of("FERRY_SECRET_KEY", newKey(),
                    "PGPASSWORD", PostgresServerProcess.PASSWORD), dir.resolve("home"))
                    .resolve(Map.of("--store", postgres.url(postgres.newDatabase()), "--registry", redis.uri()));
            try (Platform control = Platform.startControl(controlConfig(shared, dir.resolve("control")),
                    RuntimePlatform.TUNING);
                 RouterNode router = RouterNode.start(routerConfig(shared, dir.resolve("router")),
                         RuntimePlatform.TUNING)) {
                Api api = new Api(control.apiPort(), router.httpPort(), control.adminToken().token());
                assertThat(api.post("/api/routes", "{\"domain\":\"one.localhost\",\"targetUrl\":\"" + a.url() + "\"}")
                        .statusCode()).isEqualTo(201);
                await().atMost(Duration.ofSeconds(10)).until(() -> router.routes().table().lookup("one.localhost") != null);
                try (RequestLoop loop = new RequestLoop(router.httpPort(), "one.localhost", 2)) {
                    loop.awaitServing("backend a", Duration.ofSeconds(5));
                    postgres.stop();
                    try {
                        HttpResponse<String> refused = api.post("/api/apps", "{\"name\":\"during\"}");
                        assertThat(refused.statusCode()).isEqualTo(503);
                        assertThat(refused.body()).contains("store_unavailable")
                                .contains("the platform's store is unavailable");
                        HttpResponse<String> read = api.get("/api/apps");
                        assertThat(read.statusCode()).as("reads are refused too, on purpose (decision 032)")
                                .isEqualTo(503);
                        assertThat(read.body()).contains("store_unavailable");
                        loop.awaitServing("backend a", Duration.ofSeconds(5));
                    } finally {
                        postgres.restart();
                    }
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(api.post("/api/apps", "{\"name\":\"after\"}").statusCode()).isEqualTo(201));
                    assertThat(api.get("/api/apps").body()).contains("\"after\"").doesNotContain("\"during\"");
                    assertThat(loop.failures()).as("requests through the router while PostgreSQL restarted").isEmpty();
                }
            }
        }
    }

    private <T extends AutoCloseable> T started(T role) {
        fleet.add(role);
        return role;
    }
}
