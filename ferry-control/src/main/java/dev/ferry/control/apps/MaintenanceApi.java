package dev.ferry.control.apps;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.MaintenanceState;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/apps/{app}/maintenance} answers {@link MaintenanceState}; {@code PUT} with
 * {@code {"maintenance": true|false}} turns maintenance mode on or off: the router answers every host of the app
 * with its 503 maintenance page while it is on, and the instances keep running, so turning it off serves again at
 * once. The state is kept on the app's routes ({@link AppRoutes#setMaintenance}), persisted with the registry.
 */
final class MaintenanceApi {

    private final AppStore store;
    private final AppAccess access;
    private final AppRoutes routes;

    MaintenanceApi(AppStore store, AppAccess access, AppRoutes routes) {
        this.store = store;
        this.access = access;
        this.routes = routes;
    }

    void register(RoutesConfig r) {
        r.get("/api/apps/{app}/maintenance", this::get);
        r.put("/api/apps/{app}/maintenance", this::put);
    }

    private void get(Context ctx) {
        App app = access.require(ctx);
        Json.ok(ctx, new MaintenanceState(app.name().value(), routes.inMaintenance(app.name())));
    }

    private void put(Context ctx) {
        App app = access.require(ctx);
        MaintenanceState wanted = RequestBody.parse(ctx.body(), MaintenanceState.class);
        if (wanted.maintenance() == null) {
            throw new InvalidInput("the request body needs the field 'maintenance' (true or false)");
        }
        routes.setMaintenance(app.name(), store, wanted.maintenance());
        Json.ok(ctx, new MaintenanceState(app.name().value(), routes.inMaintenance(app.name())));
    }
}
