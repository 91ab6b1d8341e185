package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.NewToken;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.Store;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.core.store.User;
import dev.ferry.store.postgres.internal.PostgresMigrations;
import dev.ferry.store.sql.ConfigKey;
import dev.ferry.store.sql.SqliteStore;
import dev.ferry.store.sql.internal.SecretKeyFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqliteToPostgresTest {

    private static final AppName HELLO = AppName.of("hello");
    @RegisterExtension
    static final PostgresServerExtension server = new PostgresServerExtension();

    @TempDir
    Path dataDir;

    private PostgresLocation target;
    private Path dbFile;
    private ConfigKey key;
    private NewToken devToken;
    private long destroyedAppId;

    /** A platform's SQLite store with some of everything, and an app destroyed after the others. */
    @BeforeEach
    void fillSqlite() throws Exception {
        target = server.server().location(server.server().newDatabase());
        dbFile = dataDir.resolve(SqliteStore.DATABASE_FILE);
        key = ConfigKey.file(dataDir.resolve(SqliteStore.KEY_FILE));
        try (SqliteStore store = SqliteStore.openInDataDir(dataDir)) {
            User admin = store.bootstrapAdmin("admin@example.com").orElseThrow().user();
            var developer = store.createUser("dev@example.com", false, admin.id());
            devToken = developer.firstToken();
            store.createApp(admin.id(), HELLO);
            store.addCollaborator(HELLO, "dev@example.com", admin.id());
            store.setConfig(HELLO, Map.of("GREETING", "bonjour", "EMPTY", ""), admin.id());
            Build build = store.enqueueBuild(HELLO, "a".repeat(40), "main", admin.id());
            store.startBuild(build.id());
            store.succeedBuild(build.id(), "python");
            Release deploy = store.createDeployRelease(HELLO, "slug-1", "a".repeat(40), Map.of("web", "python app.py"), admin.id());
            store.setReleaseStatus(HELLO, deploy.version(), ReleaseStatus.SUCCEEDED, admin.id());
            store.addDomain(HELLO, "www.example.com", admin.id());
            store.addDrain(HELLO, "syslog+tls://logs.example.com:6514", admin.id());
            store.addons().createAddon("hello-db", dev.ferry.core.addons.AddonKind.POSTGRES, "default", HELLO,
                    new dev.ferry.core.addons.ProvisionedAddon("addon_hello_db", "postgres://addon_hello_db:pw@127.0.0.1:5432/x"),
                    "DATABASE_URL", admin.id());
            store.autoscale().enableAutoscaling(HELLO, new dev.ferry.core.autoscale.AutoscaleRule(1, 3,
                    java.time.Duration.ofMillis(400)), admin.id());
            store.autoscale().autoscaled(HELLO, new dev.ferry.core.autoscale.AutoscaleDecision(
                    java.time.Instant.parse("2026-12-01T10:00:00Z"), 1, 2, java.time.Duration.ofMillis(900), 50,
                    "autoscale: web 1→2, p95 900 ms > 400 ms"));
            store.acme().putPlatformCertificate(new dev.ferry.core.store.Certificate("*.apps.test",
                    new AppName("ferry--wildcard"), java.util.List.of("*.apps.test", "apps.test"), "CN=*.apps.test",
                    "CN=ca", java.time.Instant.EPOCH, java.time.Instant.parse("2099-01-01T00:00:00Z"), "sha256:w", "pem",
                    java.time.Instant.EPOCH, dev.ferry.core.store.CertificateSource.ACME),
                    "-----BEGIN PRIVATE KEY-----\nW\n-----END PRIVATE KEY-----\n", "issued");
            store.acme().recordPlatformFailure("*.apps.test", "failed once");
            store.createApp(admin.id(), AppName.of("doomed"));
            store.destroyApp(AppName.of("doomed"), admin.id());
        }
        destroyedAppId = 2;
    }

    @Test
    void copiesEverythingSoThePostgresStoreServesTheSamePlatform() throws Exception {
        Map<String, Long> copied = SqliteToPostgres.copy(dbFile, key, target);

        assertThat(copied).containsEntry("users", 2L).containsEntry("apps", 1L).containsEntry("releases", 2L)
                .containsEntry("key_check", 1L).containsEntry("domains", 1L).containsEntry("log_drains", 1L);
        try (Store sqlite = SqliteStore.openInDataDir(dataDir);
             Store postgres = PostgresStore.open(target, key, AppLimits.DEFAULT)) {
            assertThat(postgres.authenticate(devToken.secret())).isPresent();
            assertThat(postgres.users()).isEqualTo(sqlite.users());
            assertThat(postgres.allApps()).isEqualTo(sqlite.allApps());
            assertThat(postgres.config(HELLO)).isEqualTo(sqlite.config(HELLO));
            assertThat(postgres.releases(HELLO, Page.FIRST)).isEqualTo(sqlite.releases(HELLO, Page.FIRST));
            assertThat(postgres.formation(HELLO)).isEqualTo(sqlite.formation(HELLO));
            assertThat(postgres.collaborators(HELLO)).isEqualTo(sqlite.collaborators(HELLO));
            assertThat(postgres.domains(HELLO)).isEqualTo(sqlite.domains(HELLO));
            assertThat(postgres.allDrains()).isEqualTo(sqlite.allDrains());
            assertThat(postgres.builds(HELLO, Page.FIRST)).isEqualTo(sqlite.builds(HELLO, Page.FIRST));
            assertThat(postgres.events(Page.first(100))).isEqualTo(sqlite.events(Page.first(100)));
            assertThat(postgres.addons().addonsOf(HELLO)).isEqualTo(sqlite.addons().addonsOf(HELLO)).hasSize(1);
            assertThat(postgres.addons().url("hello-db")).isEqualTo("postgres://addon_hello_db:pw@127.0.0.1:5432/x");
            assertThat(postgres.autoscale().autoscaling(HELLO)).isEqualTo(sqlite.autoscale().autoscaling(HELLO))
                    .isPresent();
            assertThat(postgres.autoscale().autoscaleDecisions(HELLO))
                    .isEqualTo(sqlite.autoscale().autoscaleDecisions(HELLO)).hasSize(1);
            assertThat(postgres.acme().platformCertificates()).isEqualTo(sqlite.acme().platformCertificates())
                    .hasSize(1);
            assertThat(postgres.acme().platformCertificate("*.apps.test").orElseThrow().privateKeyPem())
                    .isEqualTo("-----BEGIN PRIVATE KEY-----\nW\n-----END PRIVATE KEY-----\n");

            User admin = postgres.userByEmail("admin@example.com").orElseThrow();
            assertThat(postgres.setConfig(HELLO, Map.of("NEXT", "1"), admin.id()).version()).isEqualTo(3);
            postgres.createApp(admin.id(), AppName.of("fresh"));
        }
        assertThat(query("SELECT id FROM apps WHERE name = 'fresh'"))
                .as("no id of a destroyed app is given again").isGreaterThan(destroyedAppId);
    }

    @Test
    void refusesADatabaseThatIsNotEmptyAndWritesNothing() throws Exception {
        SqliteToPostgres.copy(dbFile, key, target);
        long events = query("SELECT COUNT(*) FROM events");

        assertThatThrownBy(() -> SqliteToPostgres.copy(dbFile, key, target))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessage("The PostgreSQL database " + target + " is not empty (its table key_check has rows):"
                        + " store:migrate copies only into an empty database, so nothing was written");
        assertThat(query("SELECT COUNT(*) FROM events")).isEqualTo(events);
        assertThat(query("SELECT COUNT(*) FROM users")).isEqualTo(2);
    }

    @Test
    void refusesAKeyThatDoesNotOpenTheSqliteStore() throws Exception {
        Path otherKey = dataDir.resolve("other.key");
        SecretKeyFile.loadOrCreate(otherKey);

        assertThatThrownBy(() -> SqliteToPostgres.copy(dbFile, ConfigKey.file(otherKey), target))
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("is not the key the database");
        assertThat(tables()).doesNotContain("users");
    }

    @Test
    void writesNothingWhenTheCopyFailsHalfway() throws Exception {
        PostgresMigrations.migrate(target);
        execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'injected failure'; END $$");
        execute("CREATE TRIGGER refuse BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse()");

        assertThatThrownBy(() -> SqliteToPostgres.copy(dbFile, key, target))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("nothing was written").hasMessageContaining("injected failure");
        for (String table : List.of("key_check", "users", "apps", "releases", "config_vars")) {
            assertThat(query("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
    }

    @Test
    void saysWhenThereIsNoSqliteStore() {
        assertThatThrownBy(() -> SqliteToPostgres.copy(dataDir.resolve("absent.db"), key, target))
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("There is no SQLite store at");
    }

    private List<String> tables() throws Exception {
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private long query(String sql) throws Exception {
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
