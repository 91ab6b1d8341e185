package dev.ferry.control.dashboard;

import io.javalin.http.Context;

/** A dashboard page or fragment, called by {@link Dashboard} for a signed-in session only. */
@FunctionalInterface
interface PageHandler {

    void handle(Context ctx, DashboardSessions.Session session);
}
