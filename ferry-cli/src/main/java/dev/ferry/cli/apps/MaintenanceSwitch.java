package dev.ferry.cli.apps;

import dev.ferry.cli.api.ApiClient;
import java.io.PrintWriter;

/** What {@code maintenance:on} and {@code maintenance:off} share: one call, one line. */
final class MaintenanceSwitch {

    private MaintenanceSwitch() {
    }

    static void set(ApiClient api, String app, boolean on, PrintWriter out) {
        api.typed(() -> api.apps().setMaintenance(app, on));
        out.println(on ? "Maintenance mode is on for " + app + ": its hosts answer 503 with the maintenance page;"
                + " its processes keep running." : "Maintenance mode is off for " + app + ": it serves again.");
    }
}
