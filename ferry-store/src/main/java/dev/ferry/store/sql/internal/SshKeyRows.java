package dev.ferry.store.sql.internal;

import dev.ferry.core.store.SshKey;
import dev.ferry.core.store.SshPublicKey;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL for the {@code ssh_keys} table; the key is stored as {@code type base64}, its comment apart. */
public final class SshKeyRows {

    private static final String COLUMNS = "k.user_id, k.public_key, k.comment, k.added_at";

    private SshKeyRows() {
    }

    public static boolean exists(Tx tx, String fingerprint) throws SQLException {
        return tx.longValue("SELECT COUNT(*) FROM ssh_keys WHERE fingerprint = ?", 0, fingerprint) > 0;
    }

    public static void insert(Tx tx, SshKey key) throws SQLException {
        tx.update("INSERT INTO ssh_keys (fingerprint, user_id, public_key, comment, added_at) VALUES (?, ?, ?, ?, ?)",
                key.fingerprint(), key.user().value(), key.key().keyText(), key.comment(), key.addedAt().toEpochMilli());
    }

    public static List<SshKey> ofUser(Tx tx, UserId user) throws SQLException {
        return tx.list("SELECT " + COLUMNS + " FROM ssh_keys k WHERE k.user_id = ? ORDER BY k.seq",
                SshKeyRows::key, user.value());
    }

    public static boolean delete(Tx tx, UserId user, String fingerprint) throws SQLException {
        return tx.update("DELETE FROM ssh_keys WHERE fingerprint = ? AND user_id = ?", fingerprint, user.value()) == 1;
    }

    public static Optional<User> userByFingerprint(Tx tx, String fingerprint) throws SQLException {
        return tx.one("SELECT u.id, u.email, u.is_admin, u.created_at FROM ssh_keys k JOIN users u ON u.id = k.user_id"
                + " WHERE k.fingerprint = ?", UserRows::user, fingerprint);
    }

    private static SshKey key(ResultSet row) throws SQLException {
        SshPublicKey stored = SshPublicKey.parse(row.getString("public_key"));
        return new SshKey(new UserId(row.getLong("user_id")),
                new SshPublicKey(stored.type(), stored.blob(), row.getString("comment")),
                Instant.ofEpochMilli(row.getLong("added_at")));
    }
}
