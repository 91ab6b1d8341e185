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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any control node takes any push (decision 035), every part real on ephemeral loopback ports: PostgreSQL, Redis,
 * two control nodes ({@link Platform#startControl}) and two routers. v1 is pushed to node A; a fresh clone through
 * node B has it, and v2 committed on top is pushed to B as a fast-forward; then the first working copy pulls v2
 * through A and pushes v3 to A. Each push is built and deployed once, and each version is served through both
 * routers.
 */
class PushToAnyControlNodeTest {

    @TempDir
    Path dir;

    @Test
    void eachControlNodeStartsAPushFromTheLastPushToTheOtherAndBothBuildDeployAndServeThroughBothRouters()
            throws Exception {
        try (PostgresServerProcess postgres = PostgresServerProcess.start();
             RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true)) {
            FerryConfig shared = new FerryConfigResolver(Map.of("FERRY_SECRET_KEY", newKey(),
                    "PGPASSWORD", PostgresServerProcess.PASSWORD), dir.resolve("home"))
                    .resolve(Map.of("--store", postgres.url(postgres.newDatabase()), "--registry", redis.uri()));
            try (RouterNode router1 = RouterNode.start(routerConfig(shared, dir.resolve("router1")),
                    RuntimePlatform.TUNING);
                 RouterNode router2 = RouterNode.start(routerConfig(shared, dir.resolve("router2")),
                         RuntimePlatform.TUNING);
                 Platform a = Platform.startControl(controlConfig(shared, dir.resolve("a")), RuntimePlatform.TUNING);
                 Platform b = Platform.startControl(controlConfig(shared, dir.resolve("b")), RuntimePlatform.TUNING)) {
                assumeTrue(a.runtime().isPresent(), "this build of Ferry has no runtime");
                String token = a.adminToken().token();
                String viaA = "http://127.0.0.1:" + a.apiPort() + "/git/hello.git";
                String viaB = "http://127.0.0.1:" + b.apiPort() + "/git/hello.git";
                List<Api> routers = List.of(new Api(0, router1.httpPort(), ""), new Api(0, router2.httpPort(), ""));
                assertThat(new Api(a.apiPort(), 0, token).post("/api/apps", "{\"name\":\"hello\"}").statusCode())
                        .isEqualTo(201);

                PythonApp first = PythonApp.create(dir.resolve("first"), dir.resolve("home"), token);
                pushed(first.push(viaA));
                awaitServedByBoth(routers, "hello v1 web.1\n");

                Git second = new Git(dir.resolve("second"), dir.resolve("home"));
                second.ok(withToken(token, "clone", "-q", viaB, "."));
                assertThat(Files.readString(second.dir().resolve("version.txt"))).as("B's copy has A's push")
                        .isEqualTo("v1\n");
                second.write("version.txt", "v2\n").commit("v2");
                Git.Result toB = second.run(withToken(token, "push", "origin", "main"));
                assertThat(toB.exit()).as(toB.output()).isZero();
                assertThat(toB.output()).as("a fast-forward of what B advertised").contains("main -> main")
                        .doesNotContain("[new branch]");
                awaitServedByBoth(routers, "hello v2 web.1\n");

                first.git().ok(withToken(token, "pull", "-q", "--ff-only", viaA, "main"));
                assertThat(Files.readString(first.git().dir().resolve("version.txt"))).as("A's copy has B's push")
                        .isEqualTo("v2\n");
                pushed(first.version("v3").push(viaA));
                awaitServedByBoth(routers, "hello v3 web.1\n");

                String builds = new Api(b.apiPort(), 0, token).get("/api/apps/hello/builds").body();
                assertThat(builds.split("\"status\":\"succeeded\"", -1)).as("each push built once: " + builds)
                        .hasSize(4);
            }
        }
    }

    private static void pushed(Git.Result result) {
        assertThat(result.exit()).as(result.output()).isZero();
    }

    private static void awaitServedByBoth(List<Api> routers, String body) {
        for (Api router : routers) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(router.viaRouter("hello.localhost", "/").body()).isEqualTo(body));
        }
    }

    private static String[] withToken(String token, String... args) {
        List<String> all = new ArrayList<>(List.of(Git.tokenHelper(token)));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
