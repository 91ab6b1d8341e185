package dev.ferry.store.sql.internal;

import dev.ferry.core.store.ConfigVars;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL for an app's current config vars ({@code config_vars}) and the copies kept with each release
 * ({@code release_config_vars}). Values are sealed by the {@link ConfigCipher} before they reach SQL; a
 * release's copy is the same sealed bytes, which stay valid because the app and var names do not change.
 */
public final class ConfigRows {

    private record Sealed(String name, byte[] value) {
    }

    private final ConfigCipher cipher;

    public ConfigRows(ConfigCipher cipher) {
        this.cipher = cipher;
    }

    /** The app's current config vars, decrypted. */
    public ConfigVars current(Tx tx, AppRow app) throws SQLException {
        return open(app, tx.list("SELECT name, sealed_value FROM config_vars WHERE app_id = ? ORDER BY name",
                row -> new Sealed(row.getString("name"), row.getBytes("sealed_value")), app.id()));
    }

    /** The config vars of one release, decrypted. */
    public ConfigVars ofRelease(Tx tx, AppRow app, int version) throws SQLException {
        return open(app, tx.list("SELECT name, sealed_value FROM release_config_vars"
                        + " WHERE app_id = ? AND version = ? ORDER BY name",
                row -> new Sealed(row.getString("name"), row.getBytes("sealed_value")), app.id(), version));
    }

    /** Sets or replaces vars; {@code set} is already validated. */
    public void put(Tx tx, AppRow app, Map<String, String> set) throws SQLException {
        for (Map.Entry<String, String> var : set.entrySet()) {
            tx.update("DELETE FROM config_vars WHERE app_id = ? AND name = ?", app.id(), var.getKey());
            tx.update("INSERT INTO config_vars (app_id, name, sealed_value) VALUES (?, ?, ?)",
                    app.id(), var.getKey(), cipher.seal(app.name(), var.getKey(), var.getValue()));
        }
    }

    public void remove(Tx tx, AppRow app, Collection<String> names) throws SQLException {
        for (String name : names) {
            tx.update("DELETE FROM config_vars WHERE app_id = ? AND name = ?", app.id(), name);
        }
    }

    /** Copies the current vars to release {@code version}, which must exist. */
    public void snapshot(Tx tx, AppRow app, int version) throws SQLException {
        tx.update("INSERT INTO release_config_vars (app_id, version, name, sealed_value)"
                + " SELECT app_id, ?, name, sealed_value FROM config_vars WHERE app_id = ?", version, app.id());
    }

    /** Replaces the current vars with those of release {@code version}. */
    public void restore(Tx tx, AppRow app, int version) throws SQLException {
        tx.update("DELETE FROM config_vars WHERE app_id = ?", app.id());
        tx.update("INSERT INTO config_vars (app_id, name, sealed_value)"
                + " SELECT app_id, name, sealed_value FROM release_config_vars WHERE app_id = ? AND version = ?",
                app.id(), version);
    }

    private ConfigVars open(AppRow app, List<Sealed> rows) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Sealed row : rows) {
            values.put(row.name(), cipher.open(app.name(), row.name(), row.value()));
        }
        return ConfigVars.of(values);
    }
}
