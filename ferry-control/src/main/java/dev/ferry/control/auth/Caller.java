package dev.ferry.control.auth;

import dev.ferry.control.error.Forbidden;
import dev.ferry.control.error.Unauthorized;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.store.User;
import io.javalin.http.Context;

/**
 * The authenticated user of a request, put on the {@link Context} by {@link BearerAuthFilter} and read by
 * the API handlers.
 */
public final class Caller {

    static final String ATTRIBUTE = "ferry.caller";
    static final String RECHECK_ATTRIBUTE = "ferry.caller.recheck";

    private Caller() {
    }

    /**
     * Makes {@code user} the caller of this request, with how to recheck what authenticated them; for the
     * authentication filters (bearer tokens, browser sessions) only.
     */
    public static void attach(Context ctx, User user, SessionRegistry.Recheck recheck) {
        ctx.attribute(ATTRIBUTE, user);
        ctx.attribute(RECHECK_ATTRIBUTE, recheck);
    }

    /** The user who made this request; only called by handlers behind {@link BearerAuthFilter}. */
    public static User of(Context ctx) {
        User user = ctx.attribute(ATTRIBUTE);
        if (user == null) {
            throw new Unauthorized("this API call needs an 'Authorization: Bearer <token>' header");
        }
        return user;
    }

    /**
     * Asks again whether the token of this request still authenticates the same user (it fails once the token is
     * revoked), for answers that outlive the request's check: log streams, {@code run} sessions.
     */
    public static SessionRegistry.Recheck recheck(Context ctx) {
        SessionRegistry.Recheck recheck = ctx.attribute(RECHECK_ATTRIBUTE);
        if (recheck == null) {
            throw new Unauthorized("this API call needs an 'Authorization: Bearer <token>' header");
        }
        return recheck;
    }

    /** The caller when an admin; otherwise throws 403 {@code forbidden}. */
    public static User admin(Context ctx) {
        User user = of(ctx);
        if (!user.admin()) {
            throw new Forbidden("only an admin may do this");
        }
        return user;
    }
}
