package dev.ferry.control.addons;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.error.UnknownApp;
import dev.ferry.control.auth.Caller;
import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonNotFound;
import dev.ferry.core.addons.AddonStore;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.User;
import io.javalin.http.Context;

/**
 * Who may see and use an add-on in the API: a caller sees one when it may use one of the apps it is attached to (an
 * admin sees all); anything else answers 404 as if the add-on did not exist.
 */
final class AddonAccess {

    private final AppStore apps;
    private final AddonStore addons;

    AddonAccess(AppStore apps, AddonStore addons) {
        this.apps = apps;
        this.addons = addons;
    }

    /** The add-on of the path's {@code {name}} when the caller may use one of the apps it is attached to. */
    Addon visible(Context ctx) {
        String name = ctx.pathParam("name");
        User caller = Caller.of(ctx);
        return addons.addon(name)
                .filter(a -> caller.admin() || a.attachments().stream().anyMatch(t -> apps.canAccess(caller.id(), t.app())))
                .orElseThrow(() -> new AddonNotFound("There is no add-on named " + name + "."));
    }

    /** The app named when it exists and the caller may use it; else 404. */
    AppName usable(Context ctx, String name) {
        User caller = Caller.of(ctx);
        if (!AppName.isValid(name) || apps.app(AppName.of(name)).isEmpty()
                || !(caller.admin() || apps.canAccess(caller.id(), AppName.of(name)))) {
            throw new UnknownApp(name);
        }
        return AppName.of(name);
    }

    /**
     * Checks {@code ?confirm=APP}: it must name an app the add-on is attached to, which the caller may use.
     *
     * @param what what is about to happen, for the message ("restoring b001 replaces the data of ...")
     */
    void requireConfirmation(Context ctx, Addon addon, String what) {
        String confirm = ctx.queryParam("confirm");
        if (confirm == null || !AppName.isValid(confirm) || !addon.attachedTo(AppName.of(confirm))) {
            throw new InvalidInput(what + ": confirm with ?confirm=APP, naming an app it is attached to ("
                    + addon.owner() + ")");
        }
        usable(ctx, confirm);
    }
}
