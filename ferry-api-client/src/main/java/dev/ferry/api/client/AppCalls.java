package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.api.AppCreateRequest;
import dev.ferry.core.api.AppDetail;
import dev.ferry.core.api.AppRenameRequest;
import dev.ferry.core.api.AppSummary;
import dev.ferry.core.api.MaintenanceState;
import dev.ferry.core.api.TunnelInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The typed calls about apps: the list, one app, creating and destroying one, its maintenance mode, and what a
 * tunnel agent needs to publish it.
 */
public final class AppCalls {

    private final ControlApiClient api;

    public AppCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps}, every page: the caller's apps (an admin's: every app), by name. */
    public List<AppSummary> list() {
        return api.getAll("/api/apps").stream().map(app -> ApiJson.read(app, AppSummary.class)).toList();
    }

    /**
     * {@code PATCH /api/apps/{app} {"name"}}: renames the app; answers once its instances serve under the new name,
     * so it takes a {@code timeout}. The answer comes with the JSON as the API sent it (for {@code --json}).
     */
    public Read<AppSummary> rename(String app, String newName, Duration timeout) {
        ApiAnswer answer = api.call("PATCH", AppPath.of(app, ""), new AppRenameRequest(newName), timeout);
        return new Read<>(answer.body(), ApiJson.read(answer.body(), AppSummary.class));
    }

    /** {@code GET /api/apps/{app}}, as the API answered it (to print) and read as an {@link AppDetail}. */
    public Read<AppDetail> info(String app) {
        JsonNode answer = api.call("GET", AppPath.of(app, ""), null).body();
        return new Read<>(answer, ApiJson.read(answer, AppDetail.class));
    }

    /** {@code POST /api/apps}; a {@code null} name lets the platform pick one. */
    public AppSummary create(String name) {
        return api.call("POST", "/api/apps", new AppCreateRequest(name), AppSummary.class);
    }

    /** {@code DELETE /api/apps/{app}}, with everything the app has. */
    public void destroy(String app) {
        api.call("DELETE", AppPath.of(app, ""), null);
    }

    /** {@code GET /api/apps/{app}/maintenance}. */
    public MaintenanceState maintenance(String app) {
        return api.call("GET", AppPath.of(app, "/maintenance"), null, MaintenanceState.class);
    }

    /** {@code PUT /api/apps/{app}/maintenance {"maintenance": on}}. */
    public MaintenanceState setMaintenance(String app, boolean on) {
        return api.call("PUT", AppPath.of(app, "/maintenance"), new MaintenanceState(null, on), MaintenanceState.class);
    }

    /** {@code GET /api/apps/{app}/tunnel}: the preview host, the app's hosts and the gateways a tunnel agent dials. */
    public TunnelInfo tunnel(String app) {
        return api.call("GET", AppPath.of(app, "/tunnel"), null, TunnelInfo.class);
    }
}
