package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.ApiToken;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.NewToken;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.SshKey;
import dev.ferry.core.store.TokenNotFound;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserExists;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.UserRows.TokenMatch;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store's use cases about users and API tokens, each one transaction; those about SSH keys are
 * {@link SshKeyCommands}'.
 */
public final class AccountCommands implements AccountStore {

    /** A token's last use is written when the stored one is older than this, not on every request. */
    public static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final Database db;
    private final Clocked clock;
    private final TokenSecrets secrets = new TokenSecrets();
    private final SshKeyCommands keys;

    public AccountCommands(Database db, Clocked clock) {
        this.db = db;
        this.clock = clock;
        this.keys = new SshKeyCommands(db, clock);
    }

    @Override
    public Optional<NewUser> bootstrapAdmin(String email) {
        String normal = User.normalizeEmail(email);
        return db.write(tx -> {
            if (UserRows.count(tx) > 0) {
                return Optional.empty();
            }
            return Optional.of(newUser(tx, normal, true, Optional.empty(), "first start"));
        });
    }

    @Override
    public NewUser createUser(String email, boolean admin, UserId by) {
        String normal = User.normalizeEmail(email);
        return db.write(tx -> newUser(tx, normal, admin, Optional.of(UserRows.require(tx, by)), "initial token"));
    }

    private NewUser newUser(Tx tx, String email, boolean admin, Optional<User> by, String tokenDescription)
            throws SQLException {
        if (UserRows.byEmail(tx, email).isPresent()) {
            throw new UserExists(email);
        }
        Instant now = clock.now();
        User user = UserRows.insert(tx, email, admin, now);
        NewToken token = insertToken(tx, user, tokenDescription, now);
        EventRows.record(tx, by, Optional.empty(), EventAction.USER_CREATE,
                "Add " + (admin ? "admin " : "user ") + email, now);
        return new NewUser(user, token);
    }

    @Override
    public Optional<User> user(UserId id) {
        return db.read(tx -> UserRows.byId(tx, id));
    }

    @Override
    public Optional<User> userByEmail(String email) {
        String normal = User.normalizeEmail(email);
        return db.read(tx -> UserRows.byEmail(tx, normal));
    }

    @Override
    public List<User> users() {
        return db.read(UserRows::all);
    }

    @Override
    public NewToken createToken(UserId userId, String description) {
        ApiToken.requireValidDescription(description);
        return db.write(tx -> {
            User user = UserRows.require(tx, userId);
            Instant now = clock.now();
            NewToken token = insertToken(tx, user, description, now);
            EventRows.record(tx, Optional.of(user), Optional.empty(), EventAction.TOKEN_CREATE,
                    "Create token " + token.token().id(), now);
            return token;
        });
    }

    private NewToken insertToken(Tx tx, User user, String description, Instant now) throws SQLException {
        String secret = secrets.newSecret();
        ApiToken token = new ApiToken(secrets.newId(), user.id(), description, now, Optional.empty());
        UserRows.insertToken(tx, token, TokenSecrets.hash(secret));
        return new NewToken(token, secret);
    }

    @Override
    public List<ApiToken> tokens(UserId user) {
        return db.read(tx -> UserRows.tokens(tx, user));
    }

    @Override
    public void revokeToken(UserId userId, String tokenId) {
        db.write(tx -> {
            User user = UserRows.require(tx, userId);
            if (!UserRows.deleteToken(tx, userId, tokenId)) {
                throw new TokenNotFound(tokenId);
            }
            EventRows.record(tx, Optional.of(user), Optional.empty(), EventAction.TOKEN_REVOKE,
                    "Revoke token " + tokenId, clock.now());
            return null;
        });
    }

    @Override
    public Optional<User> authenticate(String secret) {
        if (secret == null || !secret.startsWith(TokenSecrets.PREFIX)) {
            return Optional.empty();
        }
        String hash = TokenSecrets.hash(secret);
        Optional<TokenMatch> match = db.read(tx -> UserRows.tokenByHash(tx, hash));
        if (match.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.now();
        boolean stale = match.get().lastUsedAt().map(at -> at.plus(LAST_USED_PRECISION).isBefore(now)).orElse(true);
        if (stale && !db.write(tx -> UserRows.touchToken(tx, match.get().tokenId(), now))) {
            return Optional.empty(); // revoked between the read and the write
        }
        return Optional.of(match.get().user());
    }

    @Override
    public SshKey addSshKey(UserId user, String publicKey) {
        return keys.addSshKey(user, publicKey);
    }

    @Override
    public List<SshKey> sshKeys(UserId user) {
        return keys.sshKeys(user);
    }

    @Override
    public SshKey removeSshKey(UserId user, String fingerprintOrComment) {
        return keys.removeSshKey(user, fingerprintOrComment);
    }

    @Override
    public Optional<User> userBySshKey(String fingerprint) {
        return keys.userBySshKey(fingerprint);
    }
}
