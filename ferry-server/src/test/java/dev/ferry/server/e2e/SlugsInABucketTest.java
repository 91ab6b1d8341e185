package dev.ferry.server.e2e;

import static dev.ferry.server.e2e.FleetNodeConfigs.controlConfig;
import static dev.ferry.server.e2e.FleetNodeConfigs.newKey;
import static dev.ferry.server.e2e.FleetNodeConfigs.routerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.server.Main;
import dev.ferry.server.Platform;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.server.fleet.FleetTuning;
import dev.ferry.server.router.RouterNode;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.route.RedisServerProcess;
import dev.ferry.store.s3.S3rverProcess;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --slug-store s3://BUCKET/PREFIX} against a real S3-compatible server ({@link S3rverProcess}): a push
 * through one control node puts its slug and build output in the bucket (not in PostgreSQL), the app deploys, and
 * once that node stops the other control node, which never built it, runs the same release from the bucket;
 * destroying the app deletes its build output from the bucket. A
 * {@code ferry up} or {@code ferry control} whose access key is unknown, whose bucket does not exist or that has no
 * keys refuses to start with one line saying so, and writes nothing: no data dir, no object.
 */
class SlugsInABucketTest {

    private static final String BUCKET = "ferry-slugs";
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final PlatformTuning TUNING = RuntimePlatform.TUNING
            .withFleet(new FleetTuning(LEASE, Duration.ofMillis(500), Duration.ofSeconds(3)));

    @TempDir
    static Path serverDir;

    private static PostgresServerProcess postgres;
    private static S3rverProcess s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        s3 = S3rverProcess.start(serverDir.resolve("s3"), BUCKET);
        postgres = PostgresServerProcess.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aPushedSlugGoesToTheBucketAndAnotherControlNodeRunsItFromThere() throws Exception {
        String database = postgres.newDatabase();
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true)) {
            Map<String, String> env = new HashMap<>(s3.env());
            env.put("FERRY_SECRET_KEY", newKey());
            env.put("PGPASSWORD", PostgresServerProcess.PASSWORD);
            FerryConfig shared = new FerryConfigResolver(env, dir.resolve("home")).resolve(Map.of(
                    "--store", postgres.url(database), "--registry", redis.uri(), "--slug-store", "s3://" + BUCKET + "/fleet"));
            try (RouterNode router = RouterNode.start(routerConfig(shared, dir.resolve("router")), TUNING)) {
                Platform a = Platform.startControl(controlConfig(shared, dir.resolve("a")), TUNING);
                try (Platform b = Platform.startControl(controlConfig(shared, dir.resolve("b")), TUNING)) {
                    assumeTrue(a.runtime().isPresent(), "this build of Ferry has no runtime");
                    Api viaA = new Api(a.apiPort(), router.httpPort(), a.adminToken().token());
                    assertThat(viaA.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
                    PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("home"), a.adminToken().token());
                    Git.Result pushed = app.push("http://127.0.0.1:" + a.apiPort() + "/git/hello.git");
                    assertThat(pushed.exit()).as(pushed.output()).isZero();
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(viaA.viaRouter("hello.localhost", "/").body()).isEqualTo("hello v1 web.1\n"));

                    List<String> built = slugsIn("a");
                    assertThat(built).hasSize(1);
                    Path object = s3.objectFile(BUCKET, "fleet/slugs/" + built.get(0));
                    assertThat(object).as("the slug is in the bucket").exists();
                    assertThat(Files.mismatch(object, dir.resolve("a/slugs").resolve(built.get(0)))).isEqualTo(-1);
                    assertThat(s3.objects(BUCKET)).contains("fleet/build-logs/b-1.log");
                    assertThat(rows(database, "slugs")).as("not in PostgreSQL").isZero();
                    assertThat(rows(database, "build_logs")).isZero();
                    assertThat(slugsIn("b")).isEmpty();

                    a.close(); // b takes the lease and starts every app, from the bucket
                    await().atMost(Duration.ofSeconds(40)).until(() -> slugsIn("b").equals(built));
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(viaA.viaRouter("hello.localhost", "/").body()).isEqualTo("hello v1 web.1\n"));
                    assertThat(new Api(b.apiPort(), 0, b.adminToken().token()).get("/api/apps/hello/builds/b-1/output")
                            .body()).as("a's build output, read through b from the bucket").contains("Building hello")
                            .contains("Released v1");

                    Api viaB = new Api(b.apiPort(), 0, b.adminToken().token());
                    assertThat(viaB.delete("/api/apps/hello").statusCode()).isEqualTo(204);
                    assertThat(s3.objects(BUCKET)).as("the build output goes with its app; the slug stays")
                            .doesNotContain("fleet/build-logs/b-1.log").contains("fleet/slugs/" + built.get(0));
                } finally {
                    a.close();
                }
            }
        }
    }

    @Test
    void refusesToStartWithAnUnknownAccessKeyAndWritesNothing() throws Exception {
        Map<String, String> env = new HashMap<>(s3.env());
        env.put("AWS_ACCESS_KEY_ID", "NOT-A-KEY");
        Path dataDir = dir.resolve("data");

        CommandRunner.Result up = CommandRunner.inChild(Main.class.getName(), env, dir, "", "up",
                "--data-dir", dataDir.toString(), "--slug-store", "s3://" + BUCKET + "/refused", "--http-port", "0",
                "--https-port", "0", "--api-port", "0", "--ssh-port", "0", "--tunnel-port", "0");

        assertThat(up.exit()).as(up.err()).isEqualTo(1);
        assertThat(up.err()).isEqualTo("ferry: the slug store s3://" + BUCKET + "/refused cannot be used: "
                + s3.endpoint() + " does not know the access key NOT-A-KEY (AWS_ACCESS_KEY_ID)\n");
        assertThat(dataDir).doesNotExist();
        assertThat(s3.objects(BUCKET)).noneMatch(key -> key.startsWith("refused/"));
    }

    @Test
    void refusesToStartOnABucketThatDoesNotExistOrWithoutKeys() throws Exception {
        Path dataDir = dir.resolve("data");
        String[] control = {"control", "--registry", "redis://127.0.0.1:1", "--data-dir", dataDir.toString(),
                "--slug-store", "s3://no-such-bucket/ferry", "--api-port", "0", "--ssh-port", "0", "--tunnel-port", "0"};

        CommandRunner.Result missing = CommandRunner.inChild(Main.class.getName(), s3.env(), dir, "", control);
        assertThat(missing.exit()).as(missing.err()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("ferry: the slug store s3://no-such-bucket/ferry cannot be used: the bucket"
                + " 'no-such-bucket' does not exist at " + s3.endpoint()
                + " (create it first, e.g. aws s3 mb s3://no-such-bucket)\n");

        CommandRunner.Result noKeys = CommandRunner.inChild(Main.class.getName(),
                Map.of("AWS_ENDPOINT_URL", s3.endpoint()), dir, "", control);
        assertThat(noKeys.exit()).as(noKeys.err()).isEqualTo(2);
        assertThat(noKeys.err()).isEqualTo("ferry: --slug-store='s3://no-such-bucket/ferry' needs the bucket's"
                + " credentials in the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n");
        assertThat(dataDir).doesNotExist();
        assertThat(serverDir.resolve("s3/no-such-bucket")).doesNotExist();
    }

    private List<String> slugsIn(String node) throws Exception {
        Path slugs = dir.resolve(node).resolve("slugs");
        if (!Files.isDirectory(slugs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(slugs)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tar.gz")).sorted().toList();
        }
    }

    private static long rows(String database, String table) throws Exception {
        try (Connection c = postgres.location(database).dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }
}
