package dev.ferry.control.apps;

import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.Forbidden;
import dev.ferry.control.error.UnknownApp;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import io.javalin.http.Context;

/**
 * Who may act on the app named by the {@code {app}} path parameter: the admin reaches every app, a user only
 * the apps they own or collaborate on. An app the caller cannot see is answered exactly like a name that no
 * app has, 404 {@code app_not_found}, so that app names do not leak to other users. Destroying an app and
 * changing its collaborators is for its owner (or an admin): a collaborator, who sees the app, gets 403
 * {@code forbidden}.
 * Public so that parts of the API over other ports ({@link dev.ferry.control.ControlApi}) check access alike.
 */
public final class AppAccess {

    private final AccountStore accounts;
    private final AppStore apps;

    public AppAccess(AccountStore accounts, AppStore apps) {
        this.accounts = accounts;
        this.apps = apps;
    }

    /** The app of the path when the caller may use it. */
    public App require(Context ctx) {
        User caller = Caller.of(ctx);
        String name = ctx.pathParam("app");
        App app = existing(name);
        if (!caller.admin() && !apps.canAccess(caller.id(), app.name())) {
            throw new UnknownApp(name);
        }
        return app;
    }

    /** The app of the path when the caller owns it or is an admin. */
    public App requireOwner(Context ctx) {
        App app = require(ctx);
        User caller = Caller.of(ctx);
        if (!caller.admin() && !app.owner().equals(caller.id())) {
            throw new Forbidden("Only the owner of " + app.name() + " may do this.");
        }
        return app;
    }

    /**
     * Whether {@code user} may still use {@code app} now: the user and the app exist and the user is an admin, the
     * owner or a collaborator. What long-lived sessions are rechecked against.
     */
    public boolean allows(UserId user, AppName app) {
        return accounts.user(user).filter(u -> apps.app(app).isPresent() && (u.admin() || apps.canAccess(u.id(), app)))
                .isPresent();
    }

    private App existing(String name) {
        if (!AppName.isValid(name)) {
            throw new UnknownApp(name);
        }
        return apps.app(AppName.of(name)).orElseThrow(() -> new UnknownApp(name));
    }
}
