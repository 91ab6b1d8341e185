package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.SQLException;
import java.util.List;

/**
 * Re-seals everything the {@link ConfigCipher} bound to an app's name when the app is renamed, inside the rename's
 * transaction: its config vars, the config vars of each of its releases, and its certificates' private keys. A
 * value that does not open under the old name fails the rename (the transaction rolls back, nothing changes).
 */
final class SealedValuesOfApp {

    private record Sealed(long id, int version, String name, byte[] value) {
    }

    private SealedValuesOfApp() {
    }

    /** Opens each sealed value of {@code app} under its current name and seals it again under {@code to}. */
    static void rebind(Tx tx, ConfigCipher cipher, AppRow app, AppName to) throws SQLException {
        for (Sealed var : tx.list("SELECT name, sealed_value FROM config_vars WHERE app_id = ?",
                row -> new Sealed(0, 0, row.getString(1), row.getBytes(2)), app.id())) {
            tx.update("UPDATE config_vars SET sealed_value = ? WHERE app_id = ? AND name = ?",
                    reseal(cipher, app.name(), to, var.name(), var.value()), app.id(), var.name());
        }
        // a release's rows refuse updates (releases are immutable), so its same values are written again sealed anew
        List<Sealed> ofReleases = tx.list("SELECT version, name, sealed_value FROM release_config_vars WHERE app_id = ?",
                row -> new Sealed(0, row.getInt(1), row.getString(2), row.getBytes(3)), app.id());
        tx.update("DELETE FROM release_config_vars WHERE app_id = ?", app.id());
        for (Sealed var : ofReleases) {
            tx.update("INSERT INTO release_config_vars (app_id, version, name, sealed_value) VALUES (?, ?, ?, ?)",
                    app.id(), var.version(), var.name(), reseal(cipher, app.name(), to, var.name(), var.value()));
        }
        List<Sealed> keys = tx.list("SELECT id, name, key_sealed FROM certificates WHERE app_id = ?",
                row -> new Sealed(row.getLong(1), 0, CertificateCommands.KEY_PREFIX + row.getString(2),
                        row.getBytes(3)), app.id());
        for (Sealed key : keys) {
            tx.update("UPDATE certificates SET key_sealed = ? WHERE id = ?",
                    reseal(cipher, app.name(), to, key.name(), key.value()), key.id());
        }
    }

    private static byte[] reseal(ConfigCipher cipher, AppName from, AppName to, String name, byte[] sealed) {
        return cipher.seal(to, name, cipher.open(from, name, sealed));
    }
}
