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
 * Refusals throw {@link Unauthorized}, answered 401 with {@code WWW-Authenticate: Bearer}. A request without an
 * {@code Authorization} header may instead carry a browser session's cookie ({@link BrowserSessions}, the
 * dashboard's), with the same admin rule.
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
    private final BrowserSessions browsers;

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
        this(verifier, publicPaths, adminPrefixes, guardedPaths, failures, BrowserSessions.NONE);
    }

    /**
     * @param browsers asked for a session cookie when a request has no {@code Authorization} header (the dashboard's)
     */
    public BearerAuthFilter(TokenVerifier verifier, Set<String> publicPaths, List<String> adminPrefixes,
                            Set<String> guardedPaths, AuthFailureLimiter failures, BrowserSessions browsers) {
        this.browsers = Objects.requireNonNull(browsers, "browsers");
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
        if (header == null) {
            Optional<BrowserSessions.SignedIn> session = browsers.signedIn(ctx);
            if (session.isPresent()) {
                Caller.attach(ctx, session.get().user(), session.get().recheck());
                requireAdminWhereNeeded(ctx, path);
                return;
            }
        }
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
        SessionRegistry.Recheck sameToken = () -> verifier.authenticate(token).map(User::id).filter(user.id()::equals).isPresent();
        Caller.attach(ctx, user, sameToken);
        requireAdminWhereNeeded(ctx, path);
    }

    private void requireAdminWhereNeeded(Context ctx, String path) {
        for (String prefix : adminPrefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                Caller.admin(ctx);
            }
        }
    }
}
