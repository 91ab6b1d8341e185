package dev.ferry.control.auth;

import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.store.User;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * The second way into the API besides a bearer token: a browser's session cookie, as the dashboard signs people in.
 * {@link BearerAuthFilter} asks it only when a request has no {@code Authorization} header; an implementation refuses
 * (throws) a change (any method but GET, HEAD and OPTIONS) whose CSRF token is missing or wrong. {@link #NONE}, the
 * default, knows no session.
 */
@FunctionalInterface
public interface BrowserSessions {

    /** No browser sessions: the API takes bearer tokens only. */
    BrowserSessions NONE = ctx -> Optional.empty();

    /** The signed-in user of the request's session cookie, if it has a live one. */
    Optional<SignedIn> signedIn(Context ctx);

    /** A session's user and how to ask whether what opened the session still authenticates them. */
    record SignedIn(User user, SessionRegistry.Recheck recheck) {
        public SignedIn {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(recheck, "recheck");
        }
    }
}
