package dev.ferry.control.auth;

/**
 * Decides whether a bearer token presented to the control API is valid. The embedded default is
 * {@link HashedTokenVerifier} over the admin token of {@link AdminToken}; user tokens from the Store come
 * later behind the same interface. Implementations are called concurrently from request threads.
 */
@FunctionalInterface
public interface TokenVerifier {

    /** True when {@code presentedToken} (never {@code null}, possibly empty) grants access. */
    boolean isValid(String presentedToken);
}
