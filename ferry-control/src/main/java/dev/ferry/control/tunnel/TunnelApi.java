package dev.ferry.control.tunnel;

import dev.ferry.control.ControlApi;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.UnknownApp;
import dev.ferry.control.json.Json;
import dev.ferry.core.api.GatewayRegistration;
import dev.ferry.core.api.TunnelInfo;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code GET /api/apps/{app}/tunnel}: what {@code ferry tunnel} needs before it dials, for a caller who may use
 * the app (404 {@code app_not_found} otherwise, as for a name no app has, so names do not leak):
 * {@code {"app","previewHost","appHosts":[...],"gateways":[{"host","port","fingerprint"}]}} (the app hosts
 * are what a gateway lets a tunnel take over). The fingerprints travel over this
 * authenticated channel so that agents can pin the gateways' self-signed certificates.
 */
public final class TunnelApi implements ControlApi {

    private final AppStore store;
    private final TunnelDirectory directory;

    public TunnelApi(AppStore store, TunnelDirectory directory) {
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/apps/{app}/tunnel", this::describe);
    }

    private void describe(Context ctx) {
        User caller = Caller.of(ctx);
        String name = ctx.pathParam("app");
        if (!AppName.isValid(name)) {
            throw new UnknownApp(name);
        }
        App app = store.app(AppName.of(name)).orElseThrow(() -> new UnknownApp(name));
        if (!caller.admin() && !store.canAccess(caller.id(), app.name())) {
            throw new UnknownApp(name);
        }
        Json.ok(ctx, new TunnelInfo(app.name().value(), directory.previewHost(app.name()),
                directory.hostNames().of(app.name(), store),
                directory.gateways().stream().map(g -> new GatewayRegistration(null, g.host(), g.port(), g.fingerprint(), null))
                        .toList()));
    }
}
