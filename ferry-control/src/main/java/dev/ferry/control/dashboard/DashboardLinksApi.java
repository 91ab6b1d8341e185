package dev.ferry.control.dashboard;

import dev.ferry.control.ControlApi;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.json.Json;
import dev.ferry.core.api.DashboardLink;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * {@code POST /api/dashboard/links} (201, any signed-in user; {@code ferry dashboard}): a one-time sign-in path of
 * the dashboard for the caller ({@link DashboardLink}), valid for {@link DashboardConfig#linkLifetime}; the session it
 * opens lasts while the token that asked for it does.
 */
public final class DashboardLinksApi implements ControlApi {

    private final DashboardSessions sessions;

    public DashboardLinksApi(DashboardSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/api/dashboard/links", this::issue);
    }

    private void issue(Context ctx) {
        DashboardSessions.IssuedLink link = sessions.issueLink(Caller.of(ctx), Caller.recheck(ctx));
        String expires = link.expires().truncatedTo(ChronoUnit.SECONDS).toString();
        Json.answer(ctx, 201, new DashboardLink("/sign-in/link?code=" + link.code(), expires));
    }
}
