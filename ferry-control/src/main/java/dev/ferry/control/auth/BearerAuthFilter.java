package dev.ferry.control.auth;

import dev.ferry.control.error.Unauthorized;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;

/**
 * The before-handler that guards {@code /api/**}: a request needs {@code Authorization: Bearer <token>}
 * accepted by the {@link TokenVerifier}, except for the listed public paths. Refusals throw
 * {@link Unauthorized}, answered 401 with {@code WWW-Authenticate: Bearer}.
 */
public final class BearerAuthFilter {

    private static final String SCHEME = "bearer ";

    private final TokenVerifier verifier;
    private final Set<String> publicPaths;

    public BearerAuthFilter(TokenVerifier verifier, Set<String> publicPaths) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.publicPaths = Set.copyOf(publicPaths);
    }

    /** Lets the request through or throws {@link Unauthorized}. */
    public void check(Context ctx) {
        String path = ctx.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1); // the router ignores trailing slashes too
        }
        if (!path.startsWith("/api/") || publicPaths.contains(path)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new Unauthorized("this API call needs an 'Authorization: Bearer <token>' header");
        }
        if (!verifier.isValid(header.substring(SCHEME.length()).strip())) {
            throw new Unauthorized("the bearer token is not valid");
        }
    }
}
