package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL for the {@code builds} table; rows are read with their app's name. */
public final class BuildRows {

    private static final String COLUMNS = "b.id, a.name, b.commit_id, b.branch, b.created_by, b.status, b.buildpack,"
            + " b.release_version, b.failure, b.created_at, b.started_at, b.finished_at";
    private static final String FROM = " FROM builds b JOIN apps a ON a.id = b.app_id";

    private BuildRows() {
    }

    public static BuildId insert(Tx tx, AppRow app, String commit, String branch, UserId by, String node, Instant now)
            throws SQLException {
        return new BuildId(tx.insert("INSERT INTO builds (app_id, commit_id, branch, created_by, status, created_at,"
                        + " node, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                app.id(), commit, branch, by.value(), BuildStatus.QUEUED.name(), now.toEpochMilli(), node,
                now.toEpochMilli()));
    }

    public static Optional<Build> find(Tx tx, BuildId id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + FROM + " WHERE b.id = ?", BuildRows::build, id.value());
    }

    /** Up to {@code limit} builds of the app with an id below {@code beforeId}, newest first. */
    public static List<Build> newestFirst(Tx tx, AppRow app, long beforeId, int limit) throws SQLException {
        return tx.list("SELECT " + COLUMNS + FROM + " WHERE b.app_id = ? AND b.id < ? ORDER BY b.id DESC LIMIT ?",
                BuildRows::build, app.id(), beforeId, limit);
    }

    /** The builds of control node {@code node} still queued or running, oldest first. */
    public static List<Build> unfinished(Tx tx, String node) throws SQLException {
        return tx.list("SELECT " + COLUMNS + FROM + " WHERE b.status IN (?, ?) AND b.node = ? ORDER BY b.id",
                BuildRows::build, BuildStatus.QUEUED.name(), BuildStatus.RUNNING.name(), node);
    }

    public static void start(Tx tx, BuildId id, Instant now) throws SQLException {
        tx.update("UPDATE builds SET status = ?, started_at = ?, heartbeat_at = ? WHERE id = ?",
                BuildStatus.RUNNING.name(), now.toEpochMilli(), now.toEpochMilli(), id.value());
    }

    public static void succeed(Tx tx, BuildId id, String buildpack, Instant now) throws SQLException {
        tx.update("UPDATE builds SET status = ?, buildpack = ?, finished_at = ? WHERE id = ?",
                BuildStatus.SUCCEEDED.name(), buildpack, now.toEpochMilli(), id.value());
    }

    public static void fail(Tx tx, BuildId id, String reason, Instant now) throws SQLException {
        tx.update("UPDATE builds SET status = ?, failure = ?, finished_at = ? WHERE id = ?",
                BuildStatus.FAILED.name(), reason, now.toEpochMilli(), id.value());
    }

    public static void release(Tx tx, BuildId id, int version) throws SQLException {
        tx.update("UPDATE builds SET release_version = ? WHERE id = ?", version, id.value());
    }

    private static Build build(ResultSet row) throws SQLException {
        int version = row.getInt("release_version");
        Optional<Integer> release = row.wasNull() ? Optional.empty() : Optional.of(version);
        return new Build(new BuildId(row.getLong("id")), new AppName(row.getString("name")), row.getString("commit_id"),
                row.getString("branch"), new UserId(row.getLong("created_by")),
                BuildStatus.valueOf(row.getString("status")), Optional.ofNullable(row.getString("buildpack")),
                release, Optional.ofNullable(row.getString("failure")),
                Instant.ofEpochMilli(row.getLong("created_at")), instant(row, "started_at"), instant(row, "finished_at"));
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
