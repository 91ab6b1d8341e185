package dev.ferry.store.sql.internal;

import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.KeyExists;
import dev.ferry.core.store.KeyNotFound;
import dev.ferry.core.store.SshKey;
import dev.ferry.core.store.SshPublicKey;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The store's use cases about users' SSH keys, each one transaction. */
public final class SshKeyCommands {

    private final Database db;
    private final Clocked clock;

    public SshKeyCommands(Database db, Clocked clock) {
        this.db = db;
        this.clock = clock;
    }

    public SshKey addSshKey(UserId userId, String publicKey) {
        SshPublicKey parsed = SshPublicKey.parse(publicKey);
        return db.write(tx -> {
            User user = UserRows.require(tx, userId);
            if (SshKeyRows.exists(tx, parsed.fingerprint())) {
                boolean own = SshKeyRows.ofUser(tx, userId).stream().anyMatch(k -> k.fingerprint().equals(parsed.fingerprint()));
                throw own ? new KeyExists(parsed.fingerprint()) : KeyExists.byAnotherUser(parsed.fingerprint());
            }
            Instant now = clock.now();
            SshKey key = new SshKey(userId, parsed, now);
            SshKeyRows.insert(tx, key);
            EventRows.record(tx, Optional.of(user), Optional.empty(), EventAction.KEY_ADD, "Add SSH key " + describe(key), now);
            return key;
        });
    }

    public List<SshKey> sshKeys(UserId user) {
        return db.read(tx -> SshKeyRows.ofUser(tx, user));
    }

    public SshKey removeSshKey(UserId userId, String fingerprintOrComment) {
        return db.write(tx -> {
            User user = UserRows.require(tx, userId);
            List<SshKey> keys = SshKeyRows.ofUser(tx, userId);
            List<SshKey> matches = keys.stream().filter(k -> k.fingerprint().equals(fingerprintOrComment)).toList();
            if (matches.isEmpty()) {
                matches = keys.stream().filter(k -> !k.comment().isEmpty() && k.comment().equals(fingerprintOrComment)).toList();
            }
            if (matches.isEmpty()) {
                throw new KeyNotFound(fingerprintOrComment);
            }
            if (matches.size() > 1) {
                throw new IllegalArgumentException(matches.size() + " of your SSH keys have the comment '"
                        + fingerprintOrComment + "': name the one to remove by its fingerprint (see ferry keys)");
            }
            SshKey key = matches.get(0);
            SshKeyRows.delete(tx, userId, key.fingerprint());
            EventRows.record(tx, Optional.of(user), Optional.empty(), EventAction.KEY_REMOVE,
                    "Remove SSH key " + describe(key), clock.now());
            return key;
        });
    }

    public Optional<User> userBySshKey(String fingerprint) {
        return db.read(tx -> SshKeyRows.userByFingerprint(tx, fingerprint));
    }

    private static String describe(SshKey key) {
        return key.fingerprint() + (key.comment().isEmpty() ? "" : " (" + key.comment() + ")");
    }
}
