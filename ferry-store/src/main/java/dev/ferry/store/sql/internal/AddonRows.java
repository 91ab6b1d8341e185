package dev.ferry.store.sql.internal;

import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonAttachment;
import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.store.AppName;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The SQL for the {@code addons} and {@code addon_attachments} tables. */
final class AddonRows {

    /** An add-on's row: its id, the add-on without attachments, and its sealed URL. */
    record AddonRow(long id, Addon addon, byte[] urlSealed) {
    }

    private static final String SELECT = "SELECT d.id, d.name, d.kind, d.plan, a.name AS owner_name, d.resource,"
            + " d.url_sealed, d.created_at FROM addons d JOIN apps a ON a.id = d.owner_app_id";

    private AddonRows() {
    }

    static Optional<AddonRow> find(Tx tx, String name) throws SQLException {
        Optional<AddonRow> bare = tx.one(SELECT + " WHERE d.name = ?", AddonRows::row, name);
        if (bare.isEmpty()) {
            return bare;
        }
        AddonRow row = bare.get();
        return Optional.of(new AddonRow(row.id(), withAttachments(tx, row), row.urlSealed()));
    }

    static List<Addon> attachedTo(Tx tx, AppRow app) throws SQLException {
        List<AddonRow> rows = tx.list(SELECT + " WHERE d.id IN (SELECT t.addon_id FROM addon_attachments t"
                + " WHERE t.app_id = ?) ORDER BY d.name", AddonRows::row, app.id());
        List<Addon> addons = new java.util.ArrayList<>();
        for (AddonRow row : rows) {
            addons.add(withAttachments(tx, row));
        }
        return addons;
    }

    static long insert(Tx tx, Addon addon, AppRow owner, byte[] urlSealed) throws SQLException {
        return tx.insert("INSERT INTO addons (name, kind, plan, owner_app_id, resource, url_sealed, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", addon.name(), addon.kind().code(), addon.plan(), owner.id(),
                addon.resource(), urlSealed, addon.createdAt().toEpochMilli());
    }

    static void updateUrl(Tx tx, long addonId, byte[] urlSealed) throws SQLException {
        tx.update("UPDATE addons SET url_sealed = ? WHERE id = ?", urlSealed, addonId);
    }

    static void delete(Tx tx, long addonId) throws SQLException {
        tx.update("DELETE FROM addon_attachments WHERE addon_id = ?", addonId);
        tx.update("DELETE FROM addons WHERE id = ?", addonId);
    }

    static boolean varTaken(Tx tx, AppRow app, String configVar) throws SQLException {
        return tx.longValue("SELECT COUNT(*) FROM addon_attachments WHERE app_id = ? AND config_var = ?", 0,
                app.id(), configVar) > 0;
    }

    static void attach(Tx tx, long addonId, AppRow app, String configVar, Instant now) throws SQLException {
        tx.update("INSERT INTO addon_attachments (addon_id, app_id, config_var, attached_at) VALUES (?, ?, ?, ?)",
                addonId, app.id(), configVar, now.toEpochMilli());
    }

    static boolean detach(Tx tx, long addonId, AppRow app) throws SQLException {
        return tx.update("DELETE FROM addon_attachments WHERE addon_id = ? AND app_id = ?", addonId, app.id()) == 1;
    }

    private static Addon withAttachments(Tx tx, AddonRow row) throws SQLException {
        List<AddonAttachment> attachments = tx.list("SELECT a.name, t.config_var FROM addon_attachments t"
                        + " JOIN apps a ON a.id = t.app_id WHERE t.addon_id = ? ORDER BY t.id",
                r -> new AddonAttachment(new AppName(r.getString("name")), r.getString("config_var")), row.id());
        Addon a = row.addon();
        return new Addon(a.name(), a.kind(), a.plan(), a.owner(), a.resource(), a.createdAt(), attachments);
    }

    private static AddonRow row(ResultSet r) throws SQLException {
        Addon addon = new Addon(r.getString("name"), AddonKind.valueOf(r.getString("kind").toUpperCase(Locale.ROOT)),
                r.getString("plan"), new AppName(r.getString("owner_name")), r.getString("resource"),
                Instant.ofEpochMilli(r.getLong("created_at")), List.of());
        return new AddonRow(r.getLong("id"), addon, r.getBytes("url_sealed"));
    }
}
