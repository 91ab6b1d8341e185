package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQL for the {@code events} table. Events keep the app's id and name and the actor's id and address as
 * plain values, so they outlive both.
 */
public final class EventRows {

    private static final String COLUMNS = "id, app_name, actor_id, actor_email, action, detail, created_at";

    private EventRows() {
    }

    /** Records an event; {@code actor} empty for the platform itself, {@code app} empty for none. */
    public static void record(Tx tx, Optional<User> actor, Optional<AppRow> app, EventAction action, String detail,
                              Instant now) throws SQLException {
        tx.update("INSERT INTO events (app_id, app_name, actor_id, actor_email, action, detail, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                app.<Object>map(AppRow::id).orElse(Tx.SqlNull.BIGINT),
                app.<Object>map(a -> a.name().value()).orElse(Tx.SqlNull.VARCHAR),
                actor.<Object>map(u -> u.id().value()).orElse(Tx.SqlNull.BIGINT),
                actor.<Object>map(User::email).orElse(Tx.SqlNull.VARCHAR),
                action.code(), detail, now.toEpochMilli());
    }

    /** Up to {@code limit} events of one app older than {@code beforeId}, newest first. */
    public static List<Event> ofApp(Tx tx, AppRow app, long beforeId, int limit) throws SQLException {
        return tx.list("SELECT " + COLUMNS + " FROM events WHERE app_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                EventRows::event, app.id(), beforeId, limit);
    }

    /** Up to {@code limit} events older than {@code beforeId}, newest first. */
    public static List<Event> all(Tx tx, long beforeId, int limit) throws SQLException {
        return tx.list("SELECT " + COLUMNS + " FROM events WHERE id < ? ORDER BY id DESC LIMIT ?",
                EventRows::event, beforeId, limit);
    }

    private static Event event(ResultSet row) throws SQLException {
        long actorId = row.getLong("actor_id");
        Optional<UserId> actor = row.wasNull() ? Optional.empty() : Optional.of(new UserId(actorId));
        return new Event(row.getLong("id"), actor, Optional.ofNullable(row.getString("actor_email")),
                Optional.ofNullable(row.getString("app_name")).map(AppName::new),
                EventAction.ofCode(row.getString("action")), row.getString("detail"),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
