package dev.ferry.build.ssh;

import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.build.KeyAccess;
import dev.ferry.core.store.SshPublicKey;
import dev.ferry.core.store.UserId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public-key authentication: a key is accepted when a user registered it ({@code keys:add}); that user and the
 * key's fingerprint are kept on the session for the git command. The SSH user name is not checked ({@code git} by
 * convention).
 *
 * <p>SSHD calls this for each key the client offers and again, just before checking its signature, for the
 * key that then succeeds, so the user kept last is the one of the key that authenticated the session.
 *
 * <p>Failed authentications are counted per client address in the {@link AuthFailureLimiter}, once per session
 * that offered an unknown key and closed without authenticating (so a client trying several keys before the right
 * one counts nothing); an address over its limit is disconnected at its first key with
 * {@code SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE} and a sentence giving the wait, which ssh prints.
 */
final class KeyAuthenticator implements PublickeyAuthenticator, SessionListener {

    private static final Logger log = LoggerFactory.getLogger(KeyAuthenticator.class);
    private static final String WHAT = "SSH key";

    /** The user the session's key belongs to. */
    static final AttributeKey<UserId> USER = new AttributeKey<>();
    /** The fingerprint of the key that authenticated the session. */
    static final AttributeKey<String> KEY = new AttributeKey<>();
    /** Set when the session offered a key no user registered. */
    private static final AttributeKey<Boolean> OFFERED_UNKNOWN = new AttributeKey<>();

    private final KeyAccess access;
    private final AuthFailureLimiter failures;

    KeyAuthenticator(KeyAccess access, AuthFailureLimiter failures) {
        this.access = access;
        this.failures = failures;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        Optional<String> client = client(session);
        Optional<Duration> refused = client.flatMap(failures::refusal);
        if (refused.isPresent()) {
            long seconds = Math.max(1, (refused.get().toMillis() + 999) / 1000);
            try {
                session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                        "too many failed authentications from your address; try again in " + seconds + " s");
            } catch (IOException e) {
                log.debug("cannot disconnect {}: {}", client.get(), e.toString());
            }
            return false;
        }
        String fingerprint = fingerprint(key);
        Optional<UserId> user = access.userByKey(fingerprint);
        if (user.isEmpty()) {
            session.removeAttribute(USER);
            session.setAttribute(OFFERED_UNKNOWN, true);
            return false;
        }
        session.setAttribute(USER, user.get());
        session.setAttribute(KEY, fingerprint);
        return true;
    }

    @Override
    public void sessionClosed(Session session) {
        if (session instanceof ServerSession s && !s.isAuthenticated() && s.getAttribute(OFFERED_UNKNOWN) != null) {
            client(s).ifPresent(c -> failures.failed(c, WHAT));
        }
    }

    /** The key's fingerprint as {@link SshPublicKey#fingerprint()} and {@code ssh-keygen -l} write it. */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** The user the session authenticated as, if it did. */
    static Optional<UserId> user(ServerSession session) {
        return Optional.ofNullable(session.getAttribute(USER));
    }

    /** The client's IP address as text. */
    static Optional<String> client(Session session) {
        SocketAddress remote = session.getIoSession().getRemoteAddress();
        return remote instanceof InetSocketAddress a && a.getAddress() != null
                ? Optional.of(a.getAddress().getHostAddress()) : Optional.empty();
    }
}
