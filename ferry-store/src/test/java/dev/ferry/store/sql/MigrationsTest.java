package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.store.sql.internal.SqliteDatabase;
import dev.ferry.store.sql.internal.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path dataDir;

    @Test
    void migratesAnEmptyDatabaseAndReopensWithoutChange() throws Exception {
        Path db = dataDir.resolve("ferry.db");

        int scripts = migrationScripts();
        assertThat(Migrations.migrate(db)).isEqualTo(scripts);
        assertThat(Migrations.migrate(db)).isZero();

        try (SqliteStore store = SqliteStore.open(db, dataDir.resolve("secret.key"))) {
            var admin = store.bootstrapAdmin("admin@example.com").orElseThrow().user();
            store.createApp(admin.id(), dev.ferry.core.store.AppName.of("hello"));
            store.setConfig(dev.ferry.core.store.AppName.of("hello"), Map.of("A", "1"), admin.id());
        }
        try (SqliteStore store = SqliteStore.open(db, dataDir.resolve("secret.key"))) {
            assertThat(store.bootstrapAdmin("again@example.com")).isEmpty();
            assertThat(store.config(dev.ferry.core.store.AppName.of("hello")).get("A")).contains("1");
        }
        assertThat(query(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1")).isEqualTo(Integer.toString(scripts));
        assertThat(query(db, "PRAGMA integrity_check")).isEqualTo("ok");
    }

    /** The number of versioned scripts on the class path, so that each new migration needs no edit here. */
    private static int migrationScripts() throws Exception {
        Path dir = Path.of(MigrationsTest.class.getClassLoader().getResource("db/migration/sqlite").toURI());
        try (var files = java.nio.file.Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }

    @Test
    void createsTheDataDirectoryWhenMissing() {
        Path nested = dataDir.resolve("nested/data");
        try (SqliteStore store = SqliteStore.openInDataDir(nested)) {
            assertThat(store.users()).isEmpty();
        }
        assertThat(nested.resolve(SqliteStore.DATABASE_FILE)).exists();
    }

    @Test
    void opensWithWalForeignKeysAndFullSync() throws Exception {
        try (SqliteStore store = SqliteStore.openInDataDir(dataDir)) {
            Path db = dataDir.resolve(SqliteStore.DATABASE_FILE);
            assertThat(store.users()).isEmpty();
            assertThat(query(db, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(query(db, "PRAGMA foreign_keys")).isEqualTo("1");
            assertThat(query(db, "PRAGMA synchronous")).isEqualTo("2");
            assertThat(dataDir.resolve(SqliteStore.KEY_FILE)).exists();
        }
    }

    private static String query(Path db, String sql) throws SQLException {
        try (Connection c = SqliteDatabase.connect(db); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
