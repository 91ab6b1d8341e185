package dev.ferry.store.sql;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.Store;
import dev.ferry.core.store.User;
import dev.ferry.store.postgres.PostgresLocation;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.sql.internal.SqliteDatabase;
import dev.ferry.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store contract's fixture: each test class runs once against the embedded SQLite store and once against
 * PostgreSQL (a real server started for the class, a new database per test), each test with a fresh store that
 * has an admin. Tests get raw SQL access to the database as another program would have it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
abstract class StoreTestSupport {

    private static PostgresServerProcess postgres;

    @Parameter
    StoreKind kind;

    @TempDir
    Path dataDir;

    final MutableClock clock = new MutableClock();
    Store store;
    NewUser bootstrap;
    User admin;
    private PostgresLocation database;

    @BeforeEach
    void openStore() throws Exception {
        if (kind == StoreKind.POSTGRESQL) {
            if (postgres == null) {
                postgres = PostgresServerProcess.start();
            }
            database = postgres.location(postgres.newDatabase());
        }
        store = reopen(ConfigKey.file(keyFile()));
        bootstrap = store.bootstrapAdmin("admin@example.com").orElseThrow();
        admin = bootstrap.user();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Opens the same database again, with {@code key}; the caller closes the store it replaces. */
    Store reopen(ConfigKey key) {
        return switch (kind) {
            case SQLITE -> SqliteStore.open(dbFile(), key, clock, AppLimits.DEFAULT);
            case POSTGRESQL -> PostgresStore.open(database, key, clock, AppLimits.DEFAULT);
        };
    }

    /** Skips the calling test unless the store is {@code only}: for what one database alone has. */
    void onlyOn(StoreKind only) {
        Assumptions.assumeTrue(kind == only, "a test of the " + only + " store");
    }

    Path dbFile() {
        return dataDir.resolve(SqliteStore.DATABASE_FILE);
    }

    Path keyFile() {
        return dataDir.resolve(SqliteStore.KEY_FILE);
    }

    static AppName name(String value) {
        return AppName.of(value);
    }

    User newUser(String email) {
        return store.createUser(email, false, admin.id()).user();
    }

    /** A separate connection to the database, as another program would open it. */
    Connection rawConnection() throws SQLException {
        return kind == StoreKind.SQLITE ? SqliteDatabase.connect(dbFile()) : database.dataSource().getConnection();
    }

    long count(String sql) throws SQLException {
        try (Connection c = rawConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** True when the UTF-8 bytes of {@code text} appear in the database or its WAL (SQLite's files). */
    boolean databaseFilesContain(String text) throws IOException {
        onlyOn(StoreKind.SQLITE);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (Path file : new Path[] {dbFile(), Path.of(dbFile() + "-wal")}) {
            if (Files.exists(file) && indexOf(Files.readAllBytes(file), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
