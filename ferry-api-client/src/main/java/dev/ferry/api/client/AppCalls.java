package dev.ferry.api.client;

import dev.ferry.core.api.MaintenanceState;
import dev.ferry.core.api.TunnelInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The typed calls about one app: its maintenance mode, and what a tunnel agent needs to publish it. */
public final class AppCalls {

    private final ControlApiClient api;

    public AppCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/maintenance}. */
    public MaintenanceState maintenance(String app) {
        return api.call("GET", path(app, "/maintenance"), null, MaintenanceState.class);
    }

    /** {@code PUT /api/apps/{app}/maintenance {"maintenance": on}}. */
    public MaintenanceState setMaintenance(String app, boolean on) {
        return api.call("PUT", path(app, "/maintenance"), new MaintenanceState(null, on), MaintenanceState.class);
    }

    /** {@code GET /api/apps/{app}/tunnel}: the preview host, the app's hosts and the gateways a tunnel agent dials. */
    public TunnelInfo tunnel(String app) {
        return api.call("GET", path(app, "/tunnel"), null, TunnelInfo.class);
    }

    private static String path(String app, String rest) {
        return "/api/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8).replace("+", "%20") + rest;
    }
}
