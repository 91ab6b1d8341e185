package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppName;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL for the {@code domains} table. */
public final class DomainRows {

    private DomainRows() {
    }

    public static Optional<AppDomain> find(Tx tx, String hostname) throws SQLException {
        return tx.one("SELECT d.hostname, a.name, d.created_at, d.owns_route FROM domains d JOIN apps a ON a.id = d.app_id"
                + " WHERE d.hostname = ?", DomainRows::domain, hostname);
    }

    public static List<AppDomain> ofApp(Tx tx, AppRow app) throws SQLException {
        return tx.list("SELECT d.hostname, a.name, d.created_at, d.owns_route FROM domains d JOIN apps a ON a.id = d.app_id"
                + " WHERE d.app_id = ? ORDER BY d.hostname", DomainRows::domain, app.id());
    }

    public static void insert(Tx tx, AppRow app, AppDomain domain) throws SQLException {
        tx.update("INSERT INTO domains (hostname, app_id, created_at, owns_route) VALUES (?, ?, ?, ?)",
                domain.hostname(), app.id(), domain.createdAt().toEpochMilli(), domain.ownsRoute() ? 1 : 0);
    }

    public static int countOf(Tx tx, AppRow app) throws SQLException {
        return tx.one("SELECT COUNT(*) AS n FROM domains WHERE app_id = ?", row -> row.getInt("n"), app.id()).orElse(0);
    }

    /** Deletes the domain whichever app has it. */
    public static void delete(Tx tx, String hostname) throws SQLException {
        tx.update("DELETE FROM domains WHERE hostname = ?", hostname);
    }

    public static boolean delete(Tx tx, AppRow app, String hostname) throws SQLException {
        return tx.update("DELETE FROM domains WHERE hostname = ? AND app_id = ?", hostname, app.id()) == 1;
    }

    private static AppDomain domain(java.sql.ResultSet row) throws SQLException {
        return new AppDomain(row.getString("hostname"), new AppName(row.getString("name")),
                Instant.ofEpochMilli(row.getLong("created_at")), row.getInt("owns_route") == 1);
    }
}
