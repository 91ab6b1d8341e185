package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppNameTaken;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.core.store.User;
import dev.ferry.store.sql.ConfigKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a shared PostgreSQL store has: several control nodes on one database, sharing one key. */
class SharedPostgresStoreTest {

    private static PostgresServerProcess server;

    @TempDir
    Path dir;

    private PostgresLocation database;
    private final ConfigKey sharedKey = ConfigKey.base64(newKey(), "FERRY_SECRET_KEY");

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServerProcess.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void newDatabase() throws Exception {
        database = server.location(server.newDatabase());
    }

    private static String newKey() {
        byte[] key = new byte[ConfigKey.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void nodesWithTheSharedKeyReadEachOthersConfig() {
        try (PostgresStore one = PostgresStore.open(database, sharedKey, AppLimits.DEFAULT);
             PostgresStore two = PostgresStore.open(database, ConfigKey.base64(
                     Base64.getEncoder().encodeToString(((ConfigKey.Given) sharedKey).bytes()), "FERRY_SECRET_KEY"),
                     AppLimits.DEFAULT)) {
            User admin = one.bootstrapAdmin("admin@example.com").orElseThrow().user();
            assertThat(two.bootstrapAdmin("other@example.com")).as("one first admin for the fleet").isEmpty();
            one.createApp(admin.id(), AppName.of("hello"));
            one.setConfig(AppName.of("hello"), Map.of("DATABASE_URL", "postgres://app:pw@db/app"), admin.id());

            assertThat(two.config(AppName.of("hello")).get("DATABASE_URL")).contains("postgres://app:pw@db/app");
            assertThat(two.currentRelease(AppName.of("hello")).orElseThrow().version()).isEqualTo(1);
        }
    }

    @Test
    void refusesAnotherKeyNamingBothFingerprints() {
        String written;
        try (PostgresStore store = PostgresStore.open(database, sharedKey, AppLimits.DEFAULT)) {
            written = fingerprint();
        }

        assertThatThrownBy(() -> PostgresStore.open(database, ConfigKey.base64(newKey(), "FERRY_SECRET_KEY"),
                AppLimits.DEFAULT))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageStartingWith("The key in FERRY_SECRET_KEY (fingerprint sha256:")
                .hasMessageContaining("is not the key the database " + database + " was written with (fingerprint "
                        + written + ")");
        assertThat(fingerprint()).isEqualTo(written);
    }

    @Test
    void refusesAMissingKeyFileOnceTheDatabaseHasAKey() throws Exception {
        Path keyFile = dir.resolve("secret.key");
        PostgresStore.open(database, ConfigKey.file(keyFile), AppLimits.DEFAULT).close();
        assertThat(keyFile).exists();
        Files.delete(keyFile);

        assertThatThrownBy(() -> PostgresStore.open(database, ConfigKey.file(keyFile), AppLimits.DEFAULT))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("The secret key file " + keyFile + " is missing");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void storesConfigValuesEncrypted() throws Exception {
        try (PostgresStore store = PostgresStore.open(database, sharedKey, AppLimits.DEFAULT)) {
            User admin = store.bootstrapAdmin("admin@example.com").orElseThrow().user();
            store.createApp(admin.id(), AppName.of("hello"));
            store.setConfig(AppName.of("hello"), Map.of("SECRET", "bonjour tout le monde"), admin.id());
        }

        assertThat(query("SELECT COUNT(*) FROM config_vars WHERE name = 'SECRET'")).isEqualTo("1");
        assertThat(query("SELECT COUNT(*) FROM config_vars WHERE position(convert_to('bonjour', 'UTF8') in sealed_value) > 0"
                + " OR position(convert_to('bonjour', 'UTF8') in (SELECT string_agg(sealed_value, '') FROM release_config_vars)) > 0"))
                .isEqualTo("0");
    }

    @Test
    void storesTokensOnlyAsHashes() throws Exception {
        String secret;
        try (PostgresStore store = PostgresStore.open(database, sharedKey, AppLimits.DEFAULT)) {
            secret = store.bootstrapAdmin("admin@example.com").orElseThrow().firstToken().secret();
            assertThat(store.authenticate(secret)).isPresent();
        }

        assertThat(query("SELECT string_agg(secret_sha256 || ' ' || id || ' ' || description, ',') FROM api_tokens"))
                .doesNotContain(secret).doesNotContain(secret.substring(6, 30))
                .matches("[0-9a-f]{64} .*");
    }

    @Test
    void nodesCreatingOneNameAtOnceGiveItToOne() throws Exception {
        int nodes = 4;
        List<PostgresStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            for (int i = 0; i < nodes; i++) {
                stores.add(PostgresStore.open(database, sharedKey, AppLimits.DEFAULT));
            }
            User admin = stores.getFirst().bootstrapAdmin("admin@example.com").orElseThrow().user();
            for (int round = 0; round < 10; round++) {
                AppName name = AppName.of("race-" + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<App>>> tries = new ArrayList<>();
                for (PostgresStore store : stores) {
                    tries.add(pool.submit(() -> {
                        go.await();
                        try {
                            return Optional.of(store.createApp(admin.id(), name));
                        } catch (AppNameTaken e) {
                            return Optional.empty();
                        }
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Optional<App>> f : tries) {
                    won += f.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertThat(won).as("round %d", round).isEqualTo(1);
            }
            assertThat(stores.get(1).allApps()).hasSize(10);
        } finally {
            pool.shutdownNow();
            stores.forEach(PostgresStore::close);
        }
    }

    @Test
    void replacesConnectionsAServerRestartClosedAndRefusesWritesWhileItIsDown() throws Exception {
        try (PostgresStore store = PostgresStore.open(database, sharedKey, AppLimits.DEFAULT)) {
            User admin = store.bootstrapAdmin("admin@example.com").orElseThrow().user();
            store.createApp(admin.id(), AppName.of("before"));
            server.stop();
            server.restart();
            // The connection the store kept died with the server: the write runs again on a new one.
            store.createApp(admin.id(), AppName.of("after"));

            server.stop();
            try {
                assertThatThrownBy(() -> store.createApp(admin.id(), AppName.of("during")))
                        .isInstanceOf(StoreUnavailable.class).hasMessageContaining(database.toString());
            } finally {
                server.restart();
            }
            assertThat(store.allApps()).extracting(a -> a.name().value()).containsExactly("after", "before");
        }
    }

    @Test
    void saysWhichDatabaseCannotBeReached() throws Exception {
        PostgresLocation nowhere = PostgresLocation.parse("postgres://ferry@127.0.0.1:" + unusedPort() + "/ferry",
                Map.of());

        assertThatThrownBy(() -> PostgresStore.open(nowhere, sharedKey, AppLimits.DEFAULT))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageStartingWith("Cannot connect to the PostgreSQL database postgres://ferry@127.0.0.1:")
                .hasMessageContaining("refused");
    }

    private static int unusedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String fingerprint() {
        try {
            return query("SELECT fingerprint FROM key_check");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String query(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
