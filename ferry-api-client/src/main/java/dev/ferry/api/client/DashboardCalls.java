package dev.ferry.api.client;

import dev.ferry.core.api.DashboardLink;
import java.util.Objects;

/** The typed call of the dashboard's one-time sign-in links ({@code POST /api/dashboard/links}). */
public final class DashboardCalls {

    private final ControlApiClient api;

    public DashboardCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** A new one-time sign-in link for the caller. */
    public DashboardLink link() {
        return api.call("POST", "/api/dashboard/links", null, DashboardLink.class);
    }
}
