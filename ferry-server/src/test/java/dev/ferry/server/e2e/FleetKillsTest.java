package dev.ferry.server.e2e;

import static dev.ferry.server.e2e.FleetNodeConfigs.controlConfig;
import static dev.ferry.server.e2e.FleetNodeConfigs.newKey;
import static dev.ferry.server.e2e.FleetNodeConfigs.routerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.server.gateway.SeparateGateway;
import dev.ferry.server.router.RouterNode;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.route.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's faults under a steady request loop through both of its routers, every part real on ephemeral loopback
 * ports: Redis (append-only), PostgreSQL, two control nodes (one a child {@code ferry control} JVM so that it can be
 * killed with {@code kill -9}) and two routers (one a child {@code ferry router} JVM). In turn: {@code kill -9} of a
 * control node, {@code kill -9} of Redis and its restart from the append-only file, a 30 s Redis outage and, last,
 * {@code kill -9} of a router. No request through a router that stays up may fail, a route written while Redis is
 * away is refused with 503 and a sentence naming the registry, and what the remaining control node writes
 * afterwards reaches both routers. A {@code ferry gateway} ({@link SeparateGateway}, wired as the command wires it)
 * on the control node that stays carries a real {@code ferry tunnel} to a device's server, and a third request loop
 * through the router that stays asks for the tunnel's name throughout: not one of its requests may fail either.
 */
class FleetKillsTest {

    /** The outage, not shortened: the routers must ride out a Redis that stays away for half a minute. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    /** Longer than Redis's {@code appendfsync everysec}: what was written before is in the AOF when Redis dies. */
    private static final Duration AOF_FSYNC = Duration.ofMillis(1_500);

    /** The tunnel's name: {@code <app>--<device>} under the platform's domain. */
    private static final String TUNNEL = "hello--dev.localhost";

    @TempDir
    Path dir;

    @Test
    void bothRoutersServeThroughTheKillOfAControlNodeOfRedisAndARedisOutageAndOneOutlivesTheKillOfTheOther()
            throws Exception {
        String key = newKey();
        try (PostgresServerProcess postgres = PostgresServerProcess.start();
             RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             Backend a = Backend.start("a");
             Backend b = Backend.start("b");
             Backend c = Backend.start("c");
             Backend device = Backend.start("device")) {
            String database = postgres.url(postgres.newDatabase());
            FerryConfig shared = new FerryConfigResolver(Map.of("FERRY_SECRET_KEY", key,
                    "PGPASSWORD", PostgresServerProcess.PASSWORD), dir.resolve("home"))
                    .resolve(Map.of("--store", database, "--registry", redis.uri()));
            try (Platform control2 = Platform.startControl(controlConfig(shared, dir.resolve("control2")),
                    RuntimePlatform.TUNING);
                 ChildControl control1 = ChildControl.start(dir.resolve("control1"), database, redis.uri(),
                         Map.of("FERRY_SECRET_KEY", key, "PGPASSWORD", PostgresServerProcess.PASSWORD));
                 ChildRouter router1 = ChildRouter.start(dir.resolve("router1"), redis.uri());
                 RouterNode router2 = RouterNode.start(routerConfig(shared, dir.resolve("router2")),
                         RuntimePlatform.TUNING)) {
                String token = control2.adminToken().token(); // both nodes check tokens against PostgreSQL
                Api api1 = new Api(control1.apiPort, 0, token);
                Api api2 = new Api(control2.apiPort(), 0, token);
                List<Api> routers = List.of(new Api(0, router1.httpPort, ""), new Api(0, router2.httpPort(), ""));

                addRoute(api1, "one.localhost", a);
                addRoute(api2, "two.localhost", b);
                awaitServedByBoth(routers, "one.localhost", "backend a\n");
                awaitServedByBoth(routers, "two.localhost", "backend b\n");
                assertThat(api2.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);

                try (SeparateGateway gateway = SeparateGateway.start(new SeparateGateway.Settings(
                             URI.create("http://127.0.0.1:" + control2.apiPort()), token, "127.0.0.1", 0,
                             dir.resolve("gateway")));
                     Tunnel tunnel = Tunnel.start(new Cli(control2.apiPort(), token, dir.resolve("home")), device, "hello")) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.tunnelCount() == 1);
                    awaitServedByBoth(routers, TUNNEL, "backend device\n");
                    runKills(redis, control1, api2, router1, router2, routers, a, b, c);
                    assertThat(gateway.tunnelCount()).as("the tunnel's connection to the gateway").isEqualTo(1);
                }
            }
        }
    }

    private void runKills(RedisServerProcess redis, ChildControl control1, Api api2, ChildRouter router1,
                          RouterNode router2, List<Api> routers, Backend a, Backend b, Backend c) throws Exception {
        try (RequestLoop through1 = new RequestLoop(router1.httpPort, "one.localhost", 1);
             RequestLoop through2 = new RequestLoop(router2.httpPort(), "two.localhost", 1);
             RequestLoop tunneled = new RequestLoop(router2.httpPort(), TUNNEL, 1)) {
            List<RequestLoop> loops = List.of(through1, through2, tunneled);
            awaitServing(loops);

            control1.kill();
            awaitServing(loops);
            addRoute(api2, "three.localhost", c);
            awaitServedByBoth(routers, "three.localhost", "backend c\n");

            Thread.sleep(AOF_FSYNC.toMillis());
            redis.kill();
            redis.restart();
            awaitServing(loops);
            awaitWritable(api2, "after-kill.localhost", a);
            awaitServedByBoth(routers, "after-kill.localhost", "backend a\n");

            Thread.sleep(AOF_FSYNC.toMillis());
            redis.kill();
            int before = through1.ok() + through2.ok();
            long outageStart = System.nanoTime();
            HttpResponse<String> refused = api2.post("/api/routes",
                    "{\"domain\":\"during.localhost\",\"targetUrl\":\"" + a.url() + "\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("\"registry_unavailable\"").contains("route registry");
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStart) / 1_000_000));
            int duringOutage = through1.ok() + through2.ok() - before;
            redis.restart();
            awaitWritable(api2, "after-outage.localhost", b);
            awaitServedByBoth(routers, "after-outage.localhost", "backend b\n");
            awaitServing(loops);
            for (String host : List.of("one.localhost", "two.localhost", "three.localhost",
                    "after-kill.localhost")) {
                assertThat(redis.commands().hexists("ferry:routes", "http " + host)).as("%s in Redis's AOF", host)
                        .isTrue();
                assertThat(router2.routes().table().lookup(host)).as("%s in the router's table", host).isNotNull();
            }
            assertThat(redis.commands().hexists("ferry:routes", "http during.localhost")).as("the refused write").isFalse();
            assertThat(router2.routes().table().lookup("during.localhost")).as("the refused write").isNull();
            assertThat(duringOutage).as("requests served while Redis was down").isGreaterThan(0);
            through1.close();
            assertThat(through1.failures()).as("failed requests through router1 until it was killed").isEmpty();

            router1.kill();
            awaitServing(List.of(through2, tunneled));
            assertThat(routers.get(1).viaRouter("one.localhost", "/").body()).isEqualTo("backend a\n");
            assertThat(through2.failures()).as("failed requests through router2, the one that stayed")
                    .isEmpty();
            assertThat(tunneled.failures()).as("failed requests through the gateway's tunnel").isEmpty();
            assertThat(tunneled.ok()).as("requests served through the tunnel").isPositive();
        }
    }

    private static void addRoute(Api api, String host, Backend target) throws Exception {
        assertThat(api.post("/api/routes", "{\"domain\":\"" + host + "\",\"targetUrl\":\"" + target.url() + "\"}")
                .statusCode()).as("adding %s", host).isEqualTo(201);
    }

    /** Adds a route as soon as the control node can write to Redis again. */
    private static void awaitWritable(Api api, String host, Backend target) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> addRoute(api, host, target));
    }

    private static void awaitServedByBoth(List<Api> routers, String host, String body) {
        for (Api router : routers) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(router.viaRouter(host, "/").body()).isEqualTo(body));
        }
    }

    private static void awaitServing(List<RequestLoop> loops) {
        for (RequestLoop loop : loops) {
            loop.awaitServing("backend", Duration.ofSeconds(10));
        }
    }
}
