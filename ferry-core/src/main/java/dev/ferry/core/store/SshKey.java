package dev.ferry.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An SSH public key a user registered ({@code keys:add}) to use git over SSH. A key belongs to one user at
 * most: git over SSH finds the pushing user by the {@link #fingerprint()} of the key that authenticated.
 *
 * @param user    whose key it is
 * @param key     the public key with its comment
 * @param addedAt when it was registered
 */
public record SshKey(UserId user, SshPublicKey key, Instant addedAt) {

    public SshKey {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(addedAt, "addedAt");
    }

    /** {@code SHA256:...}, as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        return key.fingerprint();
    }

    /** The key type, e.g. {@code ssh-ed25519}. */
    public String type() {
        return key.type();
    }

    /** The key's comment, often {@code user@host}; may be empty. */
    public String comment() {
        return key.comment();
    }
}
