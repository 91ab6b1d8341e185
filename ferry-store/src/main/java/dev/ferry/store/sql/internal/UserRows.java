package dev.ferry.store.sql.internal;

import dev.ferry.core.store.ApiToken;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.core.store.UserNotFound;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL for the {@code users} and {@code api_tokens} tables. */
public final class UserRows {

    /** A token found by its secret's hash, with what authentication needs. */
    public record TokenMatch(String tokenId, User user, Optional<Instant> lastUsedAt) {
    }

    private static final String USER_COLUMNS = "u.id, u.email, u.is_admin, u.created_at";

    private UserRows() {
    }

    public static Optional<User> byId(Tx tx, UserId id) throws SQLException {
        return tx.one("SELECT " + USER_COLUMNS + " FROM users u WHERE u.id = ?", UserRows::user, id.value());
    }

    public static Optional<User> byEmail(Tx tx, String normalizedEmail) throws SQLException {
        return tx.one("SELECT " + USER_COLUMNS + " FROM users u WHERE u.email = ?", UserRows::user, normalizedEmail);
    }

    /** The user, or {@link UserNotFound}. */
    public static User require(Tx tx, UserId id) throws SQLException {
        return byId(tx, id).orElseThrow(() -> new UserNotFound("with id " + id));
    }

    public static List<User> all(Tx tx) throws SQLException {
        return tx.list("SELECT " + USER_COLUMNS + " FROM users u ORDER BY u.id", UserRows::user);
    }

    public static long count(Tx tx) throws SQLException {
        return tx.longValue("SELECT COUNT(*) FROM users", 0);
    }

    public static User insert(Tx tx, String normalizedEmail, boolean admin, Instant now) throws SQLException {
        long id = tx.insert("INSERT INTO users (email, is_admin, created_at) VALUES (?, ?, ?)",
                normalizedEmail, admin, now.toEpochMilli());
        return new User(new UserId(id), normalizedEmail, admin, now);
    }

    public static void insertToken(Tx tx, ApiToken token, String secretHash) throws SQLException {
        tx.update("INSERT INTO api_tokens (id, user_id, secret_sha256, description, created_at, last_used_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                token.id(), token.user().value(), secretHash, token.description(),
                token.createdAt().toEpochMilli(), Tx.SqlNull.BIGINT);
    }

    public static List<ApiToken> tokens(Tx tx, UserId user) throws SQLException {
        return tx.list("SELECT id, user_id, description, created_at, last_used_at FROM api_tokens"
                + " WHERE user_id = ? ORDER BY seq", UserRows::token, user.value());
    }

    /** Deletes one of the user's tokens; false when the user has no such token. */
    public static boolean deleteToken(Tx tx, UserId user, String tokenId) throws SQLException {
        return tx.update("DELETE FROM api_tokens WHERE id = ? AND user_id = ?", tokenId, user.value()) == 1;
    }

    public static Optional<TokenMatch> tokenByHash(Tx tx, String secretHash) throws SQLException {
        return tx.one("SELECT t.id AS token_id, t.last_used_at, " + USER_COLUMNS
                        + " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_sha256 = ?",
                row -> new TokenMatch(row.getString("token_id"), user(row), optionalInstant(row, "last_used_at")),
                secretHash);
    }

    /** Records a use of a token; false when it was revoked in the meantime. */
    public static boolean touchToken(Tx tx, String tokenId, Instant now) throws SQLException {
        return tx.update("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now.toEpochMilli(), tokenId) == 1;
    }

    static User user(ResultSet row) throws SQLException {
        return new User(new UserId(row.getLong("id")), row.getString("email"), row.getBoolean("is_admin"),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }

    private static ApiToken token(ResultSet row) throws SQLException {
        return new ApiToken(row.getString("id"), new UserId(row.getLong("user_id")), row.getString("description"),
                Instant.ofEpochMilli(row.getLong("created_at")), optionalInstant(row, "last_used_at"));
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
