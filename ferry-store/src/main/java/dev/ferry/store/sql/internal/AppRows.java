package dev.ferry.store.sql.internal;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.Collaborator;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL for the {@code apps} and {@code collaborators} tables. */
public final class AppRows {

    /** An app with its row id, which the other tables refer to. */
    public record AppRow(long id, App app) {
        public AppName name() {
            return app.name();
        }
    }

    private static final String COLUMNS = "a.id, a.name, a.owner_id, a.created_at";

    private AppRows() {
    }

    public static Optional<AppRow> find(Tx tx, AppName name) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM apps a WHERE a.name = ?", AppRows::row, name.value());
    }

    /** The app, or {@link AppNotFound}. */
    public static AppRow require(Tx tx, AppName name) throws SQLException {
        return find(tx, name).orElseThrow(() -> new AppNotFound(name));
    }

    public static AppRow insert(Tx tx, AppName name, UserId owner, Instant now) throws SQLException {
        long id = tx.insert("INSERT INTO apps (name, owner_id, last_version, created_at) VALUES (?, ?, 0, ?)",
                name.value(), owner.value(), now.toEpochMilli());
        return new AppRow(id, new App(name, owner, now));
    }

    public static List<App> accessibleBy(Tx tx, UserId user) throws SQLException {
        return tx.list("SELECT " + COLUMNS + " FROM apps a WHERE a.owner_id = ?"
                        + " OR a.id IN (SELECT c.app_id FROM collaborators c WHERE c.user_id = ?) ORDER BY a.name",
                row -> row(row).app(), user.value(), user.value());
    }

    public static List<App> all(Tx tx) throws SQLException {
        return tx.list("SELECT " + COLUMNS + " FROM apps a ORDER BY a.name", row -> row(row).app());
    }

    /** Gives the app a new name; every other table refers to it by id, so nothing else moves. */
    public static AppRow rename(Tx tx, AppRow app, AppName to) throws SQLException {
        tx.update("UPDATE apps SET name = ? WHERE id = ?", to.value(), app.id());
        return new AppRow(app.id(), new App(to, app.app().owner(), app.app().createdAt()));
    }

    /** Deletes the app; the database cascades to every table that refers to it. */
    public static void delete(Tx tx, AppRow app) throws SQLException {
        tx.update("DELETE FROM apps WHERE id = ?", app.id());
    }

    /** Takes the next release version of the app (one more than the last). */
    public static int nextVersion(Tx tx, AppRow app) throws SQLException {
        tx.update("UPDATE apps SET last_version = last_version + 1 WHERE id = ?", app.id());
        return (int) tx.longValue("SELECT last_version FROM apps WHERE id = ?", 0, app.id());
    }

    public static boolean isCollaborator(Tx tx, AppRow app, UserId user) throws SQLException {
        return tx.longValue("SELECT COUNT(*) FROM collaborators WHERE app_id = ? AND user_id = ?", 0,
                app.id(), user.value()) > 0;
    }

    public static void insertCollaborator(Tx tx, AppRow app, UserId user, Instant now) throws SQLException {
        tx.update("INSERT INTO collaborators (app_id, user_id, added_at) VALUES (?, ?, ?)",
                app.id(), user.value(), now.toEpochMilli());
    }

    public static boolean deleteCollaborator(Tx tx, AppRow app, UserId user) throws SQLException {
        return tx.update("DELETE FROM collaborators WHERE app_id = ? AND user_id = ?", app.id(), user.value()) == 1;
    }

    /** The owner first, then the collaborators in the order they were added. */
    public static List<Collaborator> collaborators(Tx tx, AppRow app) throws SQLException {
        List<Collaborator> result = new ArrayList<>();
        User owner = UserRows.require(tx, app.app().owner());
        result.add(new Collaborator(app.name(), owner, true, app.app().createdAt()));
        result.addAll(tx.list("SELECT u.id, u.email, u.is_admin, u.created_at, c.added_at FROM collaborators c"
                        + " JOIN users u ON u.id = c.user_id WHERE c.app_id = ? ORDER BY c.added_at, u.id",
                row -> new Collaborator(app.name(), UserRows.user(row), false,
                        Instant.ofEpochMilli(row.getLong("added_at"))),
                app.id()));
        return result;
    }

    private static AppRow row(ResultSet row) throws SQLException {
        return new AppRow(row.getLong("id"), new App(new AppName(row.getString("name")),
                new UserId(row.getLong("owner_id")), Instant.ofEpochMilli(row.getLong("created_at"))));
    }
}
