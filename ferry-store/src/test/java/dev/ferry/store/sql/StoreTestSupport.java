package dev.ferry.store.sql;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.User;
import dev.ferry.store.sql.internal.Database;
import dev.ferry.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Opens a store in a fresh data directory with an admin, and gives tests raw access to the file. */
abstract class StoreTestSupport {

    @TempDir
    Path dataDir;

    final MutableClock clock = new MutableClock();
    SqliteStore store;
    NewUser bootstrap;
    User admin;

    @BeforeEach
    void openStore() {
        store = SqliteStore.open(dbFile(), keyFile(), clock);
        bootstrap = store.bootstrapAdmin("admin@example.com").orElseThrow();
        admin = bootstrap.user();
    }

    @AfterEach
    void closeStore() {
        store.close();
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

    /** A separate connection to the database file, as another program would open it. */
    Connection rawConnection() throws SQLException {
        return Database.connect(dbFile());
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

    /** True when the UTF-8 bytes of {@code text} appear in the database or its WAL. */
    boolean databaseFilesContain(String text) throws IOException {
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
