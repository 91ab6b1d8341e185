package dev.ferry.server.e2e;

import static dev.ferry.server.e2e.FleetNodeConfigs.controlConfig;
import static dev.ferry.server.e2e.FleetNodeConfigs.newKey;
import static dev.ferry.server.e2e.FleetNodeConfigs.routerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.User;
import dev.ferry.server.Platform;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.server.fleet.FleetTuning;
import dev.ferry.server.router.RouterNode;
import dev.ferry.store.postgres.PostgresLocation;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.route.RedisServerProcess;
import dev.ferry.store.sql.ConfigKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two control nodes ({@link Platform#startControl}, as {@code ferry control} runs) on one real PostgreSQL and Redis,
 * with the fleet's timeouts shortened: the reconciler's lease (2 s) and the builds' heartbeat (0.5 s, 3 s timeout).
 * An app pushed to the leader runs there; once the leader stops, the other node takes the lease and runs the app
 * from the slug in PostgreSQL, which it never built, and shows its build's output. A build whose node died (a {@code ferry control} child JVM
 * killed with SIGKILL mid-build) is failed by the other node once its heartbeat stopped for the timeout.
 */
class SeveralControlNodesTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final PlatformTuning TUNING = RuntimePlatform.TUNING
            .withFleet(new FleetTuning(LEASE, Duration.ofMillis(500), Duration.ofSeconds(3)));

    private static PostgresServerProcess postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServerProcess.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void theOtherNodeRunsAnAppFromTheSharedSlugOnceTheNodeThatBuiltItStops() throws Exception {
        String database = postgres.newDatabase();
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true)) {
            FerryConfig shared = shared(database, redis, newKey());
            try (RouterNode router = RouterNode.start(routerConfig(shared, dir.resolve("router")), TUNING)) {
                Platform a = Platform.startControl(controlConfig(shared, dir.resolve("a")), TUNING);
                try (Platform b = Platform.startControl(controlConfig(shared, dir.resolve("b")), TUNING)) {
                    assumeTrue(a.runtime().isPresent(), "this build of Ferry has no runtime");
                    await().atMost(Duration.ofSeconds(10)).until(() -> leaseHolder(database).isPresent());
                    assertThat(leaseHolder(database)).as("the first node leads").contains(nodeName("a"));

                    Api viaA = new Api(a.apiPort(), router.httpPort(), a.adminToken().token());
                    assertThat(viaA.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
                    PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("home"), a.adminToken().token());
                    Git.Result pushed = app.push("http://127.0.0.1:" + a.apiPort() + "/git/hello.git");
                    assertThat(pushed.exit()).as(pushed.output()).isZero();
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(viaA.viaRouter("hello.localhost", "/").body()).isEqualTo("hello v1 web.1\n"));
                    Thread.sleep(LEASE.toMillis());
                    assertThat(slugsIn("b")).as("b neither built nor runs it").isEmpty();

                    a.close(); // a clean stop: a's instances deregister and its lease is given up
                    await().atMost(LEASE.multipliedBy(3)).until(() -> leaseHolder(database)
                            .equals(Optional.of(nodeName("b"))));
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(viaA.viaRouter("hello.localhost", "/").body()).isEqualTo("hello v1 web.1\n"));
                    assertThat(slugsIn("b")).as("streamed from PostgreSQL").hasSize(1).isEqualTo(slugsIn("a"));
                    assertThat(new Api(b.apiPort(), 0, b.adminToken().token()).get("/api/apps/hello/builds/b-1/output")
                            .body()).as("a's build output, read through b").contains("Building hello")
                            .contains("Released v1");

                    Api viaB = new Api(b.apiPort(), router.httpPort(), b.adminToken().token());
                    Git.Result again = app.version("v2").push("http://127.0.0.1:" + b.apiPort() + "/git/hello.git");
                    assertThat(again.exit()).as(again.output()).isZero();
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(viaB.viaRouter("hello.localhost", "/").body()).isEqualTo("hello v2 web.1\n"));
                    String builds = viaB.get("/api/apps/hello/builds").body();
                    assertThat(builds.split("\"status\":\"succeeded\"", -1)).as("each push built once: " + builds)
                            .hasSize(3);
                    assertThat(builds).doesNotContain("\"status\":\"failed\"");
                } finally {
                    a.close();
                }
            }
        }
    }

    @Test
    void aBuildOfANodeThatDiedIsFailedByAnotherAfterTheHeartbeatTimeout() throws Exception {
        String database = postgres.newDatabase();
        String key = newKey();
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             Platform b = Platform.startControl(controlConfig(shared(database, redis, key), dir.resolve("b")),
                     TUNING)) {
            Api api = new Api(b.apiPort(), 0, b.adminToken().token());
            assertThat(api.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
            // A node that takes a build and then dies: it never marks the build alive again.
            try (PostgresStore dead = PostgresStore.open(postgres.location(database), ConfigKey.base64(key, "K"),
                    Clock.systemUTC(), AppLimits.DEFAULT, "dead-node")) {
                User admin = dead.authenticate(b.adminToken().token()).orElseThrow();
                dead.startBuild(dead.enqueueBuild(AppName.of("hello"), "a".repeat(40), "main", admin.id()).id());
            }
            assertThat(api.get("/api/apps/hello/builds").body()).contains("\"running\"");

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(api.get("/api/apps/hello/builds").body())
                    .contains("\"failed\"")
                    .contains("the control node dead-node that received this push stopped answering (no heartbeat for 3 s)"));
        }
    }

    @Test
    void aNodeKilledMidBuildHasItsBuildFailedByTheOtherAfterTheHeartbeatTimeout() throws Exception {
        String database = postgres.newDatabase();
        String key = newKey();
        // b judges a's builds: its timeout must allow for a's heartbeat interval (the default 5 s) twice
        PlatformTuning judge = RuntimePlatform.TUNING
                .withFleet(new FleetTuning(LEASE, Duration.ofMillis(500), Duration.ofSeconds(12)));
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             Platform b = Platform.startControl(controlConfig(shared(database, redis, key), dir.resolve("b")), judge);
             ChildControl a = ChildControl.start(dir.resolve("a"), postgres.url(database), redis.uri(),
                     Map.of("FERRY_SECRET_KEY", key, "PGPASSWORD", PostgresServerProcess.PASSWORD))) {
            assumeTrue(b.runtime().isPresent(), "this build of Ferry has no runtime");
            Api api = new Api(b.apiPort(), 0, b.adminToken().token());
            assertThat(api.post("/api/apps", "{\"name\":\"slow\"}").statusCode()).isEqualTo(201);
            Git git = new Git(dir.resolve("slow"), dir.resolve("home")).init()
                    .write("pom.xml", "<project/>\n")
                    .write("mvnw", "#!/bin/sh\necho compiling for a long time\nexec sleep 60\n");
            git.commit("a build that takes a minute");
            List<String> push = new ArrayList<>(List.of(Git.tokenHelper(b.adminToken().token())));
            push.addAll(List.of("push", "-q", "http://127.0.0.1:" + a.apiPort + "/git/slow.git", "main"));
            CompletableFuture<Git.Result> pushed = CompletableFuture.supplyAsync(() -> git.run(push.toArray(String[]::new)));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api.get("/api/apps/slow/builds").body()).contains("\"status\":\"running\""));
            Thread.sleep(6_000);
            assertThat(api.get("/api/apps/slow/builds").body()).as("a's heartbeat keeps it running")
                    .contains("\"status\":\"running\"");
            a.kill();
            long killed = System.nanoTime();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/apps/slow/builds").body())
                    .contains("\"status\":\"failed\"").contains("stopped answering (no heartbeat for 12 s)"));
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("not before the timeout")
                    .isGreaterThan(Duration.ofSeconds(6));
            assertThat(pushed.get(30, TimeUnit.SECONDS).exit()).as("the push through the killed node").isNotZero();
        }
    }

    private FerryConfig shared(String database, RedisServerProcess redis, String key) {
        return new FerryConfigResolver(Map.of("FERRY_SECRET_KEY", key, "PGPASSWORD", PostgresServerProcess.PASSWORD),
                dir.resolve("home")).resolve(Map.of("--store", postgres.url(database), "--registry", redis.uri()));
    }

    private String nodeName(String node) throws Exception {
        return Files.readString(dir.resolve(node).resolve("node-name")).strip();
    }

    private java.util.List<String> slugsIn(String node) throws Exception {
        Path slugs = dir.resolve(node).resolve("slugs");
        if (!Files.isDirectory(slugs)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(slugs)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tar.gz")).sorted().toList();
        }
    }

    private static Optional<String> leaseHolder(String database) throws Exception {
        PostgresLocation location = postgres.location(database);
        try (Connection c = location.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT holder FROM leases WHERE name = 'reconciler'"
                     + " AND expires_at > clock_timestamp()")) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }
}
