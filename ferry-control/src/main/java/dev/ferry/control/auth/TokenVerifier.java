package dev.ferry.control.auth;

import dev.ferry.core.store.User;
import java.util.Optional;

/**
 * Resolves a bearer token presented to the control API to the {@link User} it belongs to. The platform
 * passes {@code store::authenticate} ({@link dev.ferry.core.store.AccountStore#authenticate}), which knows only
 * token hashes and refuses revoked tokens. Implementations are called concurrently from request threads.
 */
@FunctionalInterface
public interface TokenVerifier {

    /** The user {@code presentedToken} (never {@code null}, possibly empty) authenticates, or empty. */
    Optional<User> authenticate(String presentedToken);
}
