package dev.ferry.control.auth;

import dev.ferry.control.error.Unauthorized;
import dev.ferry.core.store.User;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The before-handler that guards {@code /api/**}: a request needs {@code Authorization: Bearer <token>}
 * that the {@link TokenVerifier} resolves to a user, except for the listed public paths. The user is kept
 * for the handlers ({@link Caller#of}); paths under one of the admin prefixes (the routes APIs) are for
 * admins only (403 {@code forbidden}). Paths outside {@code /api/} are public unless listed as guarded
 * (such as {@code /metrics}). Refusals throw {@link Unauthorized}, answered 401 with
 * {@code WWW-Authenticate: Bearer}.
 */
public final class BearerAuthFilter {

    private static final String SCHEME = "bearer ";

    private final TokenVerifier verifier;
    private final Set<String> publicPaths;
    private final List<String> adminPrefixes;
    private final Set<String> guardedPaths;

    public BearerAuthFilter(TokenVerifier verifier, Set<String> publicPaths, List<String> adminPrefixes) {
        this(verifier, publicPaths, adminPrefixes, Set.of());
    }

    /** @param guardedPaths paths outside {@code /api/} that need a token too */
    public BearerAuthFilter(TokenVerifier verifier, Set<String> publicPaths, List<String> adminPrefixes,
                            Set<String> guardedPaths) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.publicPaths = Set.copyOf(publicPaths);
        this.adminPrefixes = List.copyOf(adminPrefixes);
        this.guardedPaths = Set.copyOf(guardedPaths);
    }

    /** Lets the request through or throws {@link Unauthorized}. */
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
        User user = verifier.authenticate(header.substring(SCHEME.length()).strip())
                .orElseThrow(() -> new Unauthorized("the bearer token is not valid (unknown or revoked)"));
        ctx.attribute(Caller.ATTRIBUTE, user);
        for (String prefix : adminPrefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                Caller.admin(ctx);
            }
        }
    }
}
