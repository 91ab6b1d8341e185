package dev.ferry.store.sql.internal;

import dev.ferry.core.store.StoreUnavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Pairs a database with its config key when the store opens. The first open seals a known value into the
 * {@code key_check} table; later opens refuse a key file that does not open it, and refuse to make a new key
 * when the file is missing but the database already has one, since a new key would silently make every stored
 * config var unreadable.
 */
public final class KeyCheck {

    private KeyCheck() {
    }

    /** The cipher of {@code keyFile}, checked against (or recorded in) {@code db}. */
    public static ConfigCipher cipherFor(Database db, Path dbFile, Path keyFile) {
        boolean keyExists = Files.exists(keyFile);
        Optional<byte[]> check = db.read(tx -> tx.one("SELECT sealed FROM key_check WHERE id = 1",
                row -> row.getBytes("sealed")));
        if (check.isPresent() && !keyExists) {
            throw new StoreUnavailable("The secret key file " + keyFile + " is missing, but the database " + dbFile
                    + " was written with one: restore it from your backup (Ferry does not make a new key, which"
                    + " would make the stored config vars unreadable)", null);
        }
        ConfigCipher cipher = new ConfigCipher(SecretKeyFile.loadOrCreate(keyFile));
        if (check.isPresent()) {
            if (!cipher.matchesCheck(check.get())) {
                throw new StoreUnavailable("The secret key file " + keyFile + " is not the key the database "
                        + dbFile + " was written with", null);
            }
        } else {
            db.write(tx -> tx.update("INSERT INTO key_check (id, sealed) VALUES (1, ?)", cipher.sealCheck()));
        }
        return cipher;
    }
}
