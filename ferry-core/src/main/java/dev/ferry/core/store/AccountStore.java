package dev.ferry.core.store;

import java.util.List;
import java.util.Optional;

/**
 * The store's accounts: users, their API tokens and their SSH public keys. The control API's users, tokens and
 * keys resources, bearer-token and git authentication, and the admin's bootstrap at {@code ferry up} use it.
 *
 * <p>Each method is one use case and one transaction, and each change records its {@link Event}, as
 * {@link Store} describes for every port of the store. Safe for use by many threads.
 */
public interface AccountStore {

    /**
     * On a platform without users, creates the admin {@code email} with a first token; otherwise does
     * nothing and returns empty. {@code ferry up} calls it on every start.
     */
    Optional<NewUser> bootstrapAdmin(String email);

    /**
     * Creates a user with a first token ({@code users:add EMAIL}).
     *
     * @throws UserExists when the address is taken
     * @throws UserNotFound when {@code by} does not exist
     */
    NewUser createUser(String email, boolean admin, UserId by);

    /** The user with this id. */
    Optional<User> user(UserId id);

    /** The user with this e-mail address, compared after {@link User#normalizeEmail}. */
    Optional<User> userByEmail(String email);

    /** All users, oldest first. */
    List<User> users();

    /**
     * Creates an API token for {@code user} and returns its secret, which cannot be read again.
     *
     * @throws UserNotFound when the user does not exist
     */
    NewToken createToken(UserId user, String description);

    /** The user's tokens, oldest first, without their secrets. */
    List<ApiToken> tokens(UserId user);

    /**
     * Revokes one of {@code user}'s tokens; it authenticates nobody from now on.
     *
     * @throws TokenNotFound when {@code user} has no token {@code tokenId}
     */
    void revokeToken(UserId user, String tokenId);

    /**
     * The user a token secret belongs to, or empty for an unknown or revoked one. Records the use in the
     * token's {@link ApiToken#lastUsedAt}, written at most about once a minute per token.
     */
    Optional<User> authenticate(String secret);

    /**
     * Registers an SSH public key for {@code user} ({@code keys:add}), after {@link SshPublicKey#parse}.
     *
     * @param publicKey one line of a {@code .pub} file
     * @throws IllegalArgumentException for a malformed or unsupported key, saying why; nothing is changed
     * @throws KeyExists when any user has registered this key: code {@code key_exists} when {@code user} did,
     *     {@code key_taken} (without saying who) when another user did
     * @throws UserNotFound when the user does not exist
     */
    SshKey addSshKey(UserId user, String publicKey);

    /** The user's SSH keys, oldest first. */
    List<SshKey> sshKeys(UserId user);

    /**
     * Removes one of {@code user}'s SSH keys, named by its fingerprint ({@code SHA256:...}) or its comment.
     *
     * @return the removed key
     * @throws KeyNotFound when the user has no such key
     * @throws IllegalArgumentException when several of the user's keys have this comment (name it by fingerprint)
     */
    SshKey removeSshKey(UserId user, String fingerprintOrComment);

    /** The user who registered the key with this fingerprint ({@code SHA256:...}), for git over SSH. */
    Optional<User> userBySshKey(String fingerprint);
}
