package dev.ferry.control.dashboard;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.User;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /}: the apps the user may see (admins: every app; others: those they own or collaborate on, as
 * {@code GET /api/apps}), each with its state, current release and last deploy.
 */
final class AppsPage {

    private final AppStore apps;
    private final AppStatus status;
    private final Clock clock;

    AppsPage(AppStore apps, AppStatus status, Clock clock) {
        this.apps = apps;
        this.status = status;
        this.clock = clock;
    }

    void render(Context ctx, DashboardSessions.Session session) {
        User user = session.user();
        List<App> visible = user.admin() ? apps.allApps() : apps.apps(user.id());
        Html h = new Html().raw("<h1>Apps</h1>");
        if (visible.isEmpty()) {
            h.raw("<p>No apps yet. Create one with <code>ferry apps:create NAME</code>, then <code>git push</code> to it.</p>");
        } else {
            h.raw("<table class=\"apps\"><caption>").text(visible.size() + (visible.size() == 1 ? " app" : " apps"))
                    .raw("</caption><thead><tr><th scope=\"col\">App</th><th scope=\"col\">State</th>")
                    .raw("<th scope=\"col\">Release</th><th scope=\"col\">Last deploy</th></tr></thead><tbody>");
            for (App app : visible) {
                AppStatus.Summary s = status.of(app.name());
                h.raw("<tr data-app=\"").text(app.name().value()).raw("\"><th scope=\"row\"><a href=\"/apps/")
                        .text(app.name().value()).raw("\">").text(app.name().value()).raw("</a></th>")
                        .raw("<td><span class=\"state state-").text(s.state()).raw("\">").text(s.state()).raw("</span></td><td>")
                        .text(s.current().map(r -> r.label() + " · " + r.description()).orElse("none")).raw("</td><td>")
                        .text(s.newest().map(this::ago).orElse("never")).raw("</td></tr>");
            }
            h.raw("</tbody></table>");
        }
        ctx.html(Layout.page("Apps", session, h.toString()));
    }

    private String ago(Release r) {
        return Html.span(Duration.between(r.createdAt(), clock.instant())) + " ago (" + r.label() + ", "
                + r.status().name().toLowerCase() + ")";
    }
}
