package dev.ferry.control.apps;

import dev.ferry.control.auth.Caller;
import dev.ferry.core.access.SessionGrant;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.store.App;
import dev.ferry.core.store.User;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * Registers an API answer that outlives its request (a log stream, a {@code run} session) in the
 * {@link SessionRegistry} with the caller, the app and the client's address; it is rechecked as it was authorised:
 * the request's token must still authenticate the caller ({@link Caller#recheck}) and the caller must still have
 * access to the app ({@link AppAccess#allows}).
 */
public final class AppSessions {

    private final SessionRegistry registry;
    private final AppAccess access;

    public AppSessions(SessionRegistry registry, AppAccess access) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.access = Objects.requireNonNull(access, "access");
    }

    /** Registers the session of this request on {@code app}; close the registration when the answer ends. */
    public SessionRegistry.Registration open(Context ctx, App app, String kind, SessionRegistry.Closer closer) {
        User caller = Caller.of(ctx);
        SessionRegistry.Recheck token = Caller.recheck(ctx);
        SessionGrant grant = new SessionGrant(caller.id(), app.name(), kind, ctx.req().getRemoteAddr());
        return registry.open(grant, () -> token.stillAllowed() && access.allows(caller.id(), app.name()), closer);
    }
}
