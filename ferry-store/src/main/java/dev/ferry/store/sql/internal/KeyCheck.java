package dev.ferry.store.sql.internal;

import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.store.sql.ConfigKey;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pairs a database with its config key when the store opens. The first open seals a known value into the
 * {@code key_check} table with the key's fingerprint; later opens refuse a key that does not open it, naming
 * both fingerprints, and refuse to make a new key when the key file is missing but the database already has
 * one, since a new key would silently make every stored config var unreadable. The same for every SQL store.
 */
public final class KeyCheck {

    private record Check(byte[] sealed, Optional<String> fingerprint) {
    }

    private KeyCheck() {
    }

    /** The cipher of {@code key}, checked against (or recorded in) {@code db}, which messages call {@code dbName}. */
    public static ConfigCipher cipherFor(Database db, String dbName, ConfigKey key) {
        boolean databaseHasKey = db.read(KeyCheck::recorded).isPresent();
        ConfigCipher cipher = new ConfigCipher(load(key, dbName, databaseHasKey));
        // Read again and record in one write: control nodes opening a new database at once agree on one key.
        Optional<Check> check = db.write(tx -> {
            Optional<Check> found = recorded(tx);
            if (found.isEmpty()) {
                tx.update("INSERT INTO key_check (id, sealed, fingerprint) VALUES (1, ?, ?)",
                        cipher.sealCheck(), cipher.fingerprint());
            }
            return found;
        });
        if (check.isPresent()) {
            if (!cipher.matchesCheck(check.get().sealed())) {
                throw new StoreUnavailable(capitalized(key.describe()) + " (fingerprint " + cipher.fingerprint()
                        + ") is not the key the database " + dbName + " was written with"
                        + check.get().fingerprint().map(f -> " (fingerprint " + f + ")").orElse("")
                        + ": start with the key the other control nodes use, or restore it from your backup", null);
            }
            if (check.get().fingerprint().isEmpty()) {
                db.write(tx -> tx.update("UPDATE key_check SET fingerprint = ? WHERE id = 1", cipher.fingerprint()));
            }
        }
        return cipher;
    }

    private static Optional<Check> recorded(Tx tx) throws SQLException {
        return tx.one("SELECT sealed, fingerprint FROM key_check WHERE id = 1",
                row -> new Check(row.getBytes("sealed"), Optional.ofNullable(row.getString("fingerprint"))));
    }

    private static SecretKey load(ConfigKey key, String dbName, boolean databaseHasKey) {
        return switch (key) {
            case ConfigKey.Given given -> new SecretKeySpec(given.bytes(), "AES");
            case ConfigKey.File file -> {
                if (databaseHasKey && !Files.exists(file.path())) {
                    throw new StoreUnavailable("The secret key file " + file.path() + " is missing, but the database "
                            + dbName + " was written with one: restore it from your backup (Ferry does not make a new"
                            + " key, which would make the stored config vars unreadable)", null);
                }
                yield SecretKeyFile.loadOrCreate(file.path());
            }
        };
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
