package dev.ferry.control.tunnel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.ControlApi;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.UnknownApp;
import dev.ferry.control.json.Json;
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
        ObjectNode out = Json.object();
        out.put("app", app.name().value());
        out.put("previewHost", directory.previewHost(app.name()));
        ArrayNode appHosts = out.putArray("appHosts");
        directory.hostNames().of(app.name(), store).forEach(appHosts::add);
        ArrayNode gateways = out.putArray("gateways");
        for (TunnelDirectory.Gateway g : directory.gateways()) {
            gateways.addObject().put("host", g.host()).put("port", g.port()).put("fingerprint", g.fingerprint());
        }
        Json.ok(ctx, out);
    }
}
