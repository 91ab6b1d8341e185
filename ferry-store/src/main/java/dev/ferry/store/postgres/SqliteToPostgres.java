package dev.ferry.store.postgres;

import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.store.postgres.internal.PostgresMigrations;
import dev.ferry.store.postgres.internal.RowCopy;
import dev.ferry.store.sql.ConfigKey;
import dev.ferry.store.sql.SqliteStore;
import dev.ferry.store.sql.internal.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ferry store:migrate --to postgres://…}: copies a stopped platform's SQLite store into an empty
 * PostgreSQL database, every row of every table, with the ids, the numbering sequences and the sealed config
 * values as they are (so the PostgreSQL store needs the SQLite store's key, which it then records). All or
 * nothing: the rows are written in one PostgreSQL transaction, and a database that already holds any row is
 * refused before anything is written. Flyway first brings both databases to the current schema.
 */
public final class SqliteToPostgres {

    private SqliteToPostgres() {
    }

    /**
     * Copies {@code sqliteFile}, whose config key is {@code key}, into {@code target}; returns the rows copied
     * by table.
     *
     * @throws StoreUnavailable saying why, with nothing written to {@code target}: the file is missing, the key
     *     does not open it, the target cannot be reached or is not empty
     */
    public static Map<String, Long> copy(Path sqliteFile, ConfigKey key, PostgresLocation target) {
        if (!Files.isRegularFile(sqliteFile)) {
            throw new StoreUnavailable("There is no SQLite store at " + sqliteFile + " to copy", null);
        }
        // Opening checks the key against the data and brings the file to the newest schema.
        SqliteStore.open(sqliteFile, key, Clock.systemUTC(), AppLimits.DEFAULT).close();
        PostgresMigrations.migrate(target);
        try (Connection from = SqliteDatabase.connect(sqliteFile);
             Connection to = target.dataSource().getConnection()) {
            return copy(from, to, sqliteFile, target);
        } catch (SQLException e) {
            throw new StoreUnavailable("Copying " + sqliteFile + " to " + target + " failed, and nothing was written: "
                    + e.getMessage(), e);
        }
    }

    private static Map<String, Long> copy(Connection from, Connection to, Path sqliteFile, PostgresLocation target)
            throws SQLException {
        from.setAutoCommit(false); // one snapshot of the file for the whole copy
        to.setAutoCommit(false);
        to.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        boolean committed = false;
        try {
            RowCopy rows = new RowCopy(from, to);
            rows.requireKnownTables(sqliteFile);
            rows.lockTargetTables();
            rows.firstNonEmptyTable().ifPresent(table -> {
                throw new StoreUnavailable("The PostgreSQL database " + target + " is not empty (its table " + table
                        + " has rows): store:migrate copies only into an empty database, so nothing was written", null);
            });
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : RowCopy.TABLES.keySet()) {
                copied.put(table, rows.copy(table));
            }
            rows.moveSequencesPastCopiedIds();
            to.commit();
            committed = true;
            return copied;
        } finally {
            if (!committed) {
                to.rollback();
            }
            from.rollback();
        }
    }
}
