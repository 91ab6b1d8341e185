package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.addons.AddonServerUrl;
import dev.ferry.server.config.AddonSettings;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.store.postgres.PostgresServerExtension;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "done means", from the outside: a pushed app that reads {@code DATABASE_URL} writes a row and reads it
 * back through the router, from inside its sandbox, on a PostgreSQL server given to Ferry on loopback; {@code pg:psql}
 * sees the rows; another app's credentials are refused on its database; a backup brings a dropped table back;
 * {@code pg:credentials:rotate} under a steady request loop fails no request and the old password is refused after;
 * {@code apps:destroy} drops the database and every role, and other apps lose the URL in a new release.
 */
class PostgresAddonAppTest {

    private static final Duration SWITCH = Duration.ofSeconds(60);

    /** Per request: writes a row with the host's psql, then reads it back; the release phase makes the table. */
    private static final String SERVER = """
            import glob, http.server, os, subprocess
            PSQL = (sorted(glob.glob("/usr/lib/postgresql/*/bin/psql")) or ["psql"])[-1]

            def sql(query):
                r = subprocess.run([PSQL, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", query, os.environ["DATABASE_URL"]],
                                   capture_output=True, text=True, timeout=20)
                if r.returncode != 0:
                    raise Exception(r.stderr.strip())
                return r.stdout.strip()

            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"

                def do_GET(self):
                    try:
                        row = sql("INSERT INTO visits (dyno) VALUES ('%s') RETURNING id" % os.environ.get("DYNO", "-"))
                        back = sql("SELECT count(*) FROM visits WHERE id = %d" % int(row))
                        status, body = 200, "hello row %s read back %s\\n" % (row, back)
                    except Exception as e:
                        status, body = 500, "failed: %s\\n" % e
                    data = body.encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

                def log_message(self, *args):
                    pass

            http.server.ThreadingHTTPServer(("", int(os.environ["PORT"])), Handler).serve_forever()
            """;
    private static final String MIGRATE = """
            import glob, os, subprocess
            PSQL = (sorted(glob.glob("/usr/lib/postgresql/*/bin/psql")) or ["psql"])[-1]
            subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                            "CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, dyno text)", os.environ["DATABASE_URL"]],
                           check=True)
            """;

    @RegisterExtension
    static final PostgresServerExtension postgres = new PostgresServerExtension();

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(dir -> new RuntimePlatform(
            FerryConfig.ephemeral(dir).toBuilder().addons(new AddonSettings(false,
                    Optional.of(AddonServerUrl.parse(postgres.server().url(""), PostgresServerProcess.PASSWORD)), Optional.empty()))
                    .build()));

    @TempDir
    Path work;

    private RuntimePlatform ferry;
    private Cli cli;

    @BeforeEach
    void prepare() throws Exception {
        ferry = platform.get();
        cli = ferry.cli(work.resolve("home"));
        ferry.createApp("hello");
        ferry.createApp("other");
    }

    @Test
    void aPushedAppKeepsItsRowsThroughARestoreAndARotationUnderLoad() throws Exception {
        ok(cli.run("addons:create", "postgres", "-a", "hello"));
        ok(cli.run("addons:create", "postgres", "-a", "other"));
        String helloDb = database("hello");
        Git git = new Git(work.resolve("app"), work.resolve("home")).init()
                .write("Procfile", "release: /usr/bin/python3 migrate.py\nweb: /usr/bin/python3 server.py\n")
                .write("server.py", SERVER).write("migrate.py", MIGRATE);
        git.commit("an app that keeps its visits in DATABASE_URL");
        java.util.List<String> push = new java.util.ArrayList<>(java.util.List.of(Git.tokenHelper(ferry.token)));
        push.addAll(java.util.List.of("push", "-q", ferry.remote("hello"), "main"));
        Git.Result pushed = git.run(push.toArray(String[]::new));
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        await().atMost(SWITCH).until(() -> ferry.up("hello", "web") == 1);

        HttpResponse<String> visit = ferry.admin.viaRouter("hello.localhost", "/");
        assertThat(visit.statusCode()).as(visit.body()).isEqualTo(200);
        assertThat(visit.body()).matches("hello row \\d+ read back 1\\n");
        CommandRunner.Result counted = cli.run("pg:psql", "-a", "hello", "-c", "select count(*) from visits");
        assertThat(counted.exit()).as(counted.err()).isZero();
        long rows = Long.parseLong(counted.out().lines().map(String::strip).filter(l -> l.matches("\\d+"))
                .findFirst().orElseThrow());
        assertThat(rows).isPositive();

        // another app's credentials do not reach hello's database; the instance does not see Ferry's data dir
        assertThatThrownBy(() -> connect(config("other", "DATABASE_URL"), helloDb).close())
                .hasMessageContaining("permission denied for database");
        CommandRunner.Result listing = cli.run("run", "-a", "hello", "ls -A '" + platform.dataDir() + "' 2>/dev/null | wc -l");
        assertThat(listing.out().strip()).as(listing.err()).isEqualTo("0");

        // capture, drop the table, restore: the rows are back
        CommandRunner.Result captured = cli.run("pg:backups:capture", "-a", "hello");
        assertThat(captured.out()).as(captured.err()).contains("as b001");
        ok(cli.run("pg:psql", "-a", "hello", "-c", "DROP TABLE visits"));
        CommandRunner.Result refused = cli.run("pg:backups:restore", "b001", "-a", "hello", "--confirm", "other");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("does not match the app hello");
        ok(cli.run("pg:backups:restore", "b001", "-a", "hello", "--confirm", "hello"));
        CommandRunner.Result restored = cli.run("pg:psql", "-a", "hello", "-c", "select count(*) from visits");
        assertThat(restored.out()).contains(Long.toString(rows));
        CommandRunner.Result downloaded = cli.run("pg:backups:download", "-a", "hello", "-o", "hello.dump");
        assertThat(downloaded.exit()).as(downloaded.err()).isZero();
        assertThat(Files.readAllBytes(work.resolve("home").resolve("hello.dump"))).startsWith("PGDMP".getBytes());
        assertThat(cli.run("pg:backups", "-a", "hello").out()).contains("b001");

        // rotate under a steady loop of requests that each write and read a row
        String oldUrl = config("hello", "DATABASE_URL");
        try (RequestLoop loop = new RequestLoop(ferry.platform.httpPort(), "hello.localhost", 3)) {
            loop.awaitServing("hello row", SWITCH);
            CommandRunner.Result rotated = cli.run("pg:credentials:rotate", "-a", "hello", "--confirm", "hello");
            assertThat(rotated.exit()).as(rotated.out() + rotated.err()).isZero();
            assertThat(rotated.out()).contains("Revoked the old credentials (" + helloDb + ")");
            int now = loop.ok();
            await().atMost(SWITCH).until(() -> loop.ok() > now + 50);
            assertThat(loop.failures()).as("failed requests during the rotation").isEmpty();
        }
        String newUrl = config("hello", "DATABASE_URL");
        assertThat(newUrl).isNotEqualTo(oldUrl);
        assertThatThrownBy(() -> connect(oldUrl, helloDb).close()).isInstanceOf(SQLException.class);
        try (Connection c = connect(newUrl, helloDb); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(DISTINCT dyno) FROM visits")) {
            rs.next();
            assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void destroyingAnAppDropsItsDatabaseAndRolesAndTakesTheUrlFromOtherApps() throws Exception {
        ok(cli.run("addons:create", "postgres", "-a", "hello"));
        String helloDb = database("hello");
        String addon = ferry.json("/api/apps/hello/addons").get(0).get("name").asText();
        ok(cli.run("addons:attach", addon, "-a", "other", "--as", "HELLO"));
        ok(cli.run("pg:credentials:rotate", "-a", "hello"));
        assertThat(config("other", "HELLO_URL")).isEqualTo(config("hello", "DATABASE_URL"));

        ok(cli.run("apps:destroy", "hello", "--confirm", "hello"));

        assertThat(ferry.json("/api/apps/other/config").has("HELLO_URL")).isFalse();
        assertThat(ferry.json("/api/apps/other/releases").get(0).get("description").asText()).contains("HELLO_URL");
        assertThat(ferry.json("/api/apps/other/addons")).isEmpty();
        assertThat(adminCount("SELECT count(*) FROM pg_database WHERE datname = '" + helloDb + "'")).isZero();
        assertThat(adminCount("SELECT count(*) FROM pg_roles WHERE rolname LIKE '" + helloDb + "%'")).isZero();
    }

    private static void ok(CommandRunner.Result r) {
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
    }

    private String config(String app, String var) {
        return ferry.json("/api/apps/" + app + "/config").get(var).asText();
    }

    /** The database of the app's add-on, as its URL names it. */
    private String database(String app) {
        return URI.create(config(app, "DATABASE_URL")).getPath().substring(1);
    }

    private static Connection connect(String url, String database) throws SQLException {
        URI uri = URI.create(url);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database,
                userInfo[0], userInfo[1]);
    }

    private static long adminCount(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.server().port() + "/postgres",
                PostgresServerProcess.USER, PostgresServerProcess.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
