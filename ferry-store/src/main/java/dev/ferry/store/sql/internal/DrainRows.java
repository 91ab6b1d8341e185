package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Drain;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The SQL for the {@code log_drains} table. */
public final class DrainRows {

    private static final String SELECT = "SELECT d.id, a.name, d.url, d.token, d.created_at"
            + " FROM log_drains d JOIN apps a ON a.id = d.app_id";

    private DrainRows() {
    }

    public static List<Drain> ofApp(Tx tx, AppRow app) throws SQLException {
        return tx.list(SELECT + " WHERE d.app_id = ? ORDER BY d.seq", DrainRows::drain, app.id());
    }

    public static List<Drain> all(Tx tx) throws SQLException {
        return tx.list(SELECT + " ORDER BY a.name, d.seq", DrainRows::drain);
    }

    public static void insert(Tx tx, AppRow app, Drain drain) throws SQLException {
        tx.update("INSERT INTO log_drains (id, app_id, url, token, created_at) VALUES (?, ?, ?, ?, ?)",
                drain.id(), app.id(), drain.url(), drain.token(), drain.createdAt().toEpochMilli());
    }

    /** Deletes the app's drain whose URL or token is {@code urlOrToken}; true when there was one. */
    public static boolean delete(Tx tx, AppRow app, String url, String token) throws SQLException {
        return tx.update("DELETE FROM log_drains WHERE app_id = ? AND (url = ? OR token = ?)", app.id(), url, token) >= 1;
    }

    private static Drain drain(ResultSet row) throws SQLException {
        return new Drain(row.getString("id"), new AppName(row.getString("name")), row.getString("url"),
                row.getString("token"), Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
