package dev.ferry.control.auth;

import dev.ferry.control.error.TooManyAuthFailures;
import dev.ferry.control.error.Unauthorized;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.store.User;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The before-handler that guards {@code /api/**}: a request needs {@code Authorization: Bearer <token>}
 * that the {@link TokenVerifier} resolves to a user, except for the listed public paths. The user is kept
 * for the handlers ({@link Caller#of}), with a recheck of the same token for long-lived answers
 * ({@link Caller#recheck}); paths under one of the admin prefixes (the routes APIs) are for admins only (403
 * {@code forbidden}). Paths outside {@code /api/} are public unless listed as guarded (such as {@code /metrics}).
 * Refusals throw {@link Unauthorized}, answered 401 with {@code WWW-Authenticate: Bearer}.
 *
 * <p>Every wrong token counts against the client's address in the {@link AuthFailureLimiter}; an address over
 * its limit is answered 429 {@code too_many_auth_failures} with {@code Retry-After} before its token is looked at,
 * whatever the token.
 */
public final class BearerAuthFilter {

    private static final String SCHEME = "bearer ";
    private static final String WHAT = "API token";

    private final TokenVerifier verifier;
    private final Set<String> publicPaths;
    private final List<String> adminPrefixes;
    private final Set<String> guardedPaths;
    private final AuthFailureLimiter failures;

    /** Without a limit on failed authentications. */
    public BearerAuthFilter(TokenVerifier verifier, Set<String> publicPaths, List<String> adminPrefixes) {
        this(verifier, publicPaths, adminPrefixes, Set.of(), AuthFailureLimiter.unlimited());
    }

    /**
     * @param guardedPaths paths outside {@code /api/} that need a token too
     * @param failures     counts wrong tokens per client address and refuses an address over its limit
     */
    public BearerAuthFilter(TokenVerifier verifier, Set<String> publicPaths, List<String> adminPrefixes,
                            Set<String> guardedPaths, AuthFailureLimiter failures) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.publicPaths = Set.copyOf(publicPaths);
        this.adminPrefixes = List.copyOf(adminPrefixes);
        this.guardedPaths = Set.copyOf(guardedPaths);
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /** Lets the request through or throws {@link Unauthorized} or {@link TooManyAuthFailures}. */
    public void check(Context ctx) {
        String path = ctx.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1); // the router ignores trailing slashes too
        }
        if (!(path.startsWith("/api/") || guardedPaths.contains(path)) || publicPaths.contains(path)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new Unauthorized("this API call needs an 'Authorization: Bearer <token>' header");
        }
        String client = ctx.req().getRemoteAddr();
        Optional<Duration> refused = failures.refusal(client);
        if (refused.isPresent()) {
            throw new TooManyAuthFailures(refused.get());
        }
        String token = header.substring(SCHEME.length()).strip();
        Optional<User> found = verifier.authenticate(token);
        if (found.isEmpty()) {
            failures.failed(client, WHAT);
            throw new Unauthorized("the bearer token is not valid (unknown or revoked)");
        }
        User user = found.get();
        ctx.attribute(Caller.ATTRIBUTE, user);
        SessionRegistry.Recheck sameToken = () -> verifier.authenticate(token).map(User::id).filter(user.id()::equals).isPresent();
        ctx.attribute(Caller.RECHECK_ATTRIBUTE, sameToken);
        for (String prefix : adminPrefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                Caller.admin(ctx);
            }
        }
    }
}
