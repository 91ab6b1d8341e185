package dev.ferry.build.ssh;

import dev.ferry.core.build.KeyAccess;
import dev.ferry.core.store.SshPublicKey;
import dev.ferry.core.store.UserId;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Public-key authentication: a key is accepted when a user registered it ({@code keys:add}); that user is
 * kept on the session for the git command. The SSH user name is not checked ({@code git} by convention).
 *
 * <p>SSHD calls this for each key the client offers and again, just before checking its signature, for the
 * key that then succeeds, so the user kept last is the one of the key that authenticated the session.
 */
final class KeyAuthenticator implements PublickeyAuthenticator {

    /** The user the session's key belongs to. */
    static final AttributeKey<UserId> USER = new AttributeKey<>();

    private final KeyAccess access;

    KeyAuthenticator(KeyAccess access) {
        this.access = access;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        Optional<UserId> user = access.userByKey(fingerprint(key));
        if (user.isEmpty()) {
            session.removeAttribute(USER);
            return false;
        }
        session.setAttribute(USER, user.get());
        return true;
    }

    /** The key's fingerprint as {@link SshPublicKey#fingerprint()} and {@code ssh-keygen -l} write it. */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** The user the session authenticated as, if it did. */
    static Optional<UserId> user(ServerSession session) {
        return Optional.ofNullable(session.getAttribute(USER));
    }
}
