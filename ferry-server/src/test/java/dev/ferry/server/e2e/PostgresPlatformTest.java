package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.server.Main;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.sql.SqliteStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ferry up --store postgres://…} against a real PostgreSQL: a pushed app is served and a restart keeps
 * apps, config and releases; {@code ferry store:migrate} moves an embedded platform onto it.
 */
class PostgresPlatformTest {

    private static PostgresServerProcess postgres;

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServerProcess.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    /** The platform's config for {@code flags} of {@code ferry up}, as the command resolves them, on ephemeral ports. */
    private FerryConfig config(Map<String, String> env, Map<String, String> flags) {
        FerryConfig resolved = new FerryConfigResolver(env, work.resolve("home")).resolve(flags);
        return FerryConfig.ephemeral(dataDir).toBuilder().store(resolved.store()).build();
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void servesAPushedAppAndKeepsAppsConfigAndReleasesAcrossARestart() throws Exception {
        String url = postgres.url(postgres.newDatabase());
        Map<String, String> env = Map.of("FERRY_SECRET_KEY", newKey(), "PGPASSWORD", PostgresServerProcess.PASSWORD);
        FerryConfig config = config(env, Map.of("--store", url));
        String token;
        try (RuntimePlatform ferry = new RuntimePlatform(config)) {
            token = ferry.token;
            ferry.createApp("hello");
            PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
            Git.Result pushed = app.push(ferry.remote("hello"));
            assertThat(pushed.exit()).as(pushed.output()).isZero();
            assertThat(ferry.admin.patch("/api/apps/hello/config", "{\"GREETING\":\"bonjour\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ferry.admin.viaRouter("hello.localhost", "/").body()).isEqualTo("bonjour v1 web.1\n"));
        }
        assertThat(dataDir.resolve(SqliteStore.DATABASE_FILE)).as("the state is in PostgreSQL").doesNotExist();

        try (RuntimePlatform again = new RuntimePlatform(config)) {
            assertThat(again.token).isEqualTo(token);
            assertThat(again.json("/api/apps").toString()).contains("\"hello\"");
            assertThat(again.json("/api/apps/hello/config").get("GREETING").asText()).isEqualTo("bonjour");
            assertThat(again.json("/api/apps/hello/releases").size()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> r = again.admin.viaRouter("hello.localhost", "/");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("bonjour v1 web.1\n");
            });
        }
    }

    @Test
    void refusesToStartWithAnotherKeyThanTheOneTheDataWasWrittenWith() throws Exception {
        String url = postgres.url(postgres.newDatabase());
        Map<String, String> password = Map.of("FERRY_STORE_PASSWORD", PostgresServerProcess.PASSWORD);
        Path keyFile = work.resolve("fleet.key");
        Platform.start(config(password, Map.of("--store", url, "--secret-key-file", keyFile.toString()))).close();

        Map<String, String> otherKey = Map.of("FERRY_STORE_PASSWORD", PostgresServerProcess.PASSWORD,
                "FERRY_SECRET_KEY", newKey());
        assertThatThrownBy(() -> Platform.start(config(otherKey, Map.of("--store", url))))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("The key in FERRY_SECRET_KEY (fingerprint sha256:")
                .hasMessageContaining("is not the key the database postgres://ferry@127.0.0.1:");
    }

    @Test
    void migratesAStoppedPlatformOntoPostgresAndServesItsAppsFromThere() throws Exception {
        String database = postgres.newDatabase();
        String to = "postgres://" + PostgresServerProcess.USER + ":" + PostgresServerProcess.PASSWORD + "@127.0.0.1:"
                + postgres.port() + "/" + database;
        String token;
        try (RuntimePlatform embedded = new RuntimePlatform(dataDir)) {
            token = embedded.token;
            embedded.createApp("hello");
            PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), embedded.token);
            assertThat(app.push(embedded.remote("hello")).exit()).isZero();
            assertThat(embedded.admin.patch("/api/apps/hello/config", "{\"GREETING\":\"hi\"}").statusCode()).isEqualTo(200);

            Run refused = run("store:migrate", "--to", to, "--data-dir", dataDir.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("another Ferry is already running with the data directory");
        }

        Run migrated = run("store:migrate", "--to", to, "--data-dir", dataDir.toString());
        assertThat(migrated.exit()).as(migrated.err()).isZero();
        assertThat(migrated.out()).contains("2 releases").contains("1 apps")
                .contains("ferry up --store postgres://ferry@127.0.0.1:" + postgres.port() + "/" + database
                        + " --secret-key-file " + dataDir.resolve(SqliteStore.KEY_FILE))
                .doesNotContain(PostgresServerProcess.PASSWORD);
        Run again = run("store:migrate", "--to", to, "--data-dir", dataDir.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("is not empty");

        FerryConfig onPostgres = config(Map.of(), Map.of("--store", to,
                "--secret-key-file", dataDir.resolve(SqliteStore.KEY_FILE).toString()));
        try (RuntimePlatform fleet = new RuntimePlatform(onPostgres)) {
            assertThat(fleet.token).isEqualTo(token);
            assertThat(fleet.json("/api/apps/hello/config").get("GREETING").asText()).isEqualTo("hi");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(fleet.admin.viaRouter("hello.localhost", "/").statusCode()).isEqualTo(200));
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        Path home = work.resolve("home");
        CommandLine cli = Main.commandLine(new CliEnvironment(Map.of(), home, false, home), args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }
}
