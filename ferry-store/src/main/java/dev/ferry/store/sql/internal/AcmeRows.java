package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AppName;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The SQL for the {@code acme_challenges}, {@code acme_tls_alpn}, {@code acme_hosts} and {@code acme_auto_off} tables. */
public final class AcmeRows {

    private static final String SELECT_HOSTS = "SELECT a.name AS app_name, h.host, h.state, h.message, h.failures,"
            + " h.next_attempt_at, h.updated_at FROM acme_hosts h JOIN apps a ON a.id = h.app_id";

    private AcmeRows() {
    }

    /** The tables of the challenges being answered: HTTP-01's by token, TLS-ALPN-01's by host. */
    public enum ChallengeTable {
        HTTP_01("acme_challenges", "token"),
        TLS_ALPN_01("acme_tls_alpn", "host");

        private final String delete;
        private final String insert;
        private final String select;

        ChallengeTable(String table, String key) {
            this.delete = "DELETE FROM " + table + " WHERE " + key + " = ?";
            this.insert = "INSERT INTO " + table + " (" + key + ", key_authorization, created_at) VALUES (?, ?, ?)";
            this.select = "SELECT " + key + " AS challenge_key, key_authorization FROM " + table + " ORDER BY " + key;
        }
    }

    /** Puts the challenge of {@code key}, replacing the one it had. */
    public static void putChallenge(Tx tx, ChallengeTable table, String key, String keyAuthorization, Instant now)
            throws SQLException {
        tx.update(table.delete, key);
        tx.update(table.insert, key, keyAuthorization, now.toEpochMilli());
    }

    /** Removes the challenge of {@code key}; true when there was one. */
    public static boolean removeChallenge(Tx tx, ChallengeTable table, String key) throws SQLException {
        return tx.update(table.delete, key) >= 1;
    }

    /** Every challenge of the table, key to key authorization, by key. */
    public static List<Map.Entry<String, String>> challenges(Tx tx, ChallengeTable table) throws SQLException {
        return tx.list(table.select, row -> Map.entry(row.getString("challenge_key"), row.getString("key_authorization")));
    }

    public static void putStatus(Tx tx, AppRow app, AcmeHostStatus s) throws SQLException {
        tx.update("DELETE FROM acme_hosts WHERE app_id = ? AND host = ?", app.id(), s.host());
        tx.update("INSERT INTO acme_hosts (app_id, host, state, message, failures, next_attempt_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", app.id(), s.host(), s.state().name(), truncated(s.message()),
                s.failures(), s.nextAttemptAt().toEpochMilli(), s.updatedAt().toEpochMilli());
    }

    public static boolean deleteStatus(Tx tx, AppRow app, String host) throws SQLException {
        return tx.update("DELETE FROM acme_hosts WHERE app_id = ? AND host = ?", app.id(), host) >= 1;
    }

    public static List<AcmeHostStatus> ofApp(Tx tx, AppRow app) throws SQLException {
        return tx.list(SELECT_HOSTS + " WHERE h.app_id = ? ORDER BY h.host", AcmeRows::status, app.id());
    }

    public static List<AcmeHostStatus> all(Tx tx) throws SQLException {
        return tx.list(SELECT_HOSTS + " ORDER BY a.name, h.host", AcmeRows::status);
    }

    /** Turns ACME off (a row) or on (no row) for the app; true when that changed something. */
    public static boolean putAutoOff(Tx tx, AppRow app, boolean off, Instant now) throws SQLException {
        boolean wasOff = isAutoOff(tx, app);
        if (off && !wasOff) {
            tx.update("INSERT INTO acme_auto_off (app_id, changed_at) VALUES (?, ?)", app.id(), now.toEpochMilli());
        } else if (!off && wasOff) {
            tx.update("DELETE FROM acme_auto_off WHERE app_id = ?", app.id());
        }
        return off != wasOff;
    }

    public static boolean isAutoOff(Tx tx, AppRow app) throws SQLException {
        return !tx.list("SELECT app_id FROM acme_auto_off WHERE app_id = ?", row -> row.getLong("app_id"), app.id())
                .isEmpty();
    }

    public static List<AppName> autoOff(Tx tx) throws SQLException {
        return tx.list("SELECT a.name AS app_name FROM acme_auto_off o JOIN apps a ON a.id = o.app_id ORDER BY a.name",
                row -> new AppName(row.getString("app_name")));
    }

    private static String truncated(String message) {
        return message.length() <= 2000 ? message : message.substring(0, 1997) + "...";
    }

    private static AcmeHostStatus status(ResultSet row) throws SQLException {
        return new AcmeHostStatus(new AppName(row.getString("app_name")), row.getString("host"),
                AcmeHostStatus.State.valueOf(row.getString("state")), row.getString("message"), row.getInt("failures"),
                Instant.ofEpochMilli(row.getLong("next_attempt_at")), Instant.ofEpochMilli(row.getLong("updated_at")));
    }
}
