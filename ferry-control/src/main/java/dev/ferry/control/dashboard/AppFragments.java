package dev.ferry.control.dashboard;

import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.store.App;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildStore;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sections of an app's page, each answered as an HTML fragment at {@code /apps/{app}/fragments/{name}} for
 * htmx to load: {@code instances}, {@code formation} (the scale form), {@code releases} (with rollback buttons),
 * {@code builds}; the settings sections are {@link SettingsFragments}. Access is checked by the API's
 * {@link AppAccess} before anything is read.
 */
final class AppFragments {

    private static final int RELEASES_SHOWN = 20;
    private static final int BUILDS_SHOWN = 10;

    private final AppAccess access;
    private final ReleaseStore releases;
    private final BuildStore builds;
    private final Optional<AppRuntime> runtime;
    private final SettingsFragments settings;
    private final Clock clock;

    AppFragments(AppAccess access, ReleaseStore releases, BuildStore builds, Optional<AppRuntime> runtime,
                 SettingsFragments settings, Clock clock) {
        this.access = access;
        this.releases = releases;
        this.builds = builds;
        this.runtime = runtime;
        this.settings = settings;
        this.clock = clock;
    }

    void render(Context ctx, DashboardSessions.Session session) {
        App app = access.require(ctx);
        Html h = new Html();
        switch (ctx.pathParam("fragment")) {
            case "instances" -> instances(h, app);
            case "formation" -> formation(h, app);
            case "releases" -> releases(h, app);
            case "builds" -> builds(h, app);
            case "config" -> settings.config(h, app, "true".equals(ctx.queryParam("reveal")));
            case "domains" -> settings.domains(h, app);
            case "drains" -> settings.drains(h, app);
            case "collaborators" -> settings.collaborators(h, app);
            default -> throw new InvalidInput("the app page has no section '" + ctx.pathParam("fragment") + "'");
        }
        ctx.html(h.toString());
    }

    private void instances(Html h, App app) {
        if (runtime.isEmpty()) {
            h.raw("<p>This platform runs no instances (no runtime).</p>");
            return;
        }
        List<Instance> instances = runtime.get().actual(app.name()).instances();
        if (instances.isEmpty()) {
            h.raw("<p>No instance runs.</p>");
            return;
        }
        h.raw("<table class=\"instances\"><thead><tr><th scope=\"col\">Instance</th><th scope=\"col\">Type</th>")
                .raw("<th scope=\"col\">State</th><th scope=\"col\">Uptime</th><th scope=\"col\">Restarts</th>")
                .raw("<th scope=\"col\">Release</th><th scope=\"col\">CPU</th><th scope=\"col\">Memory</th>")
                .raw("</tr></thead><tbody>");
        Map<String, InstanceUsage> usage = InstanceMeter.of(runtime.get()).measure(app.name());
        for (Instance i : instances) {
            InstanceUsage used = i.state() == InstanceState.STOPPING ? null : usage.get(i.name());
            String state = i.state().name().toLowerCase();
            h.raw("<tr data-instance=\"").text(i.name()).raw("\" data-state=\"").text(state).raw("\">")
                    .element("th", i.name()).element("td", i.type())
                    .raw("<td><span class=\"state state-").text(state).raw("\">").text(state).raw("</span></td>")
                    .element("td", i.state() == InstanceState.UP ? Html.span(Duration.between(i.since(), clock.instant())) : "–")
                    .element("td", i.restarts()).element("td", "v" + i.release())
                    .element("td", used == null ? "not measured" : String.format(Locale.ROOT, "%.1f%%", used.cpuPercent()))
                    .element("td", used == null ? "not measured" : Math.round(used.memoryBytes() / 1048576.0) + " MiB")
                    .raw("</tr>");
        }
        h.raw("</tbody></table>");
    }

    private void formation(Html h, App app) {
        Map<String, Integer> quantities = new TreeMap<>(releases.formation(app.name()).quantities());
        releases.currentRelease(app.name()).ifPresent(r -> r.processTypes().keySet().forEach(t -> quantities.putIfAbsent(t, 0)));
        quantities.remove("release");
        if (quantities.isEmpty()) {
            h.raw("<p>Nothing to scale until the first deploy.</p>");
            return;
        }
        ApiForm.open(h, "PATCH", "/api/apps/" + app.name().value() + "/formation", "numbers", "Scaled.");
        quantities.forEach((type, n) -> h.raw("<label for=\"scale-").text(type).raw("\">").text(type)
                .raw("</label><input id=\"scale-").text(type).raw("\" name=\"").text(type)
                .raw("\" type=\"number\" min=\"0\" max=\"100\" value=\"").text(n).raw("\">"));
        ApiForm.close(h, "Scale", "Scale " + app.name().value());
    }

    private void releases(Html h, App app) {
        List<Release> list = releases.releases(app.name(), Page.first(RELEASES_SHOWN)).items();
        if (list.isEmpty()) {
            h.raw("<p>No release yet.</p>");
            return;
        }
        int current = releases.currentRelease(app.name()).map(Release::version).orElse(0);
        h.raw("<table class=\"releases\"><thead><tr><th scope=\"col\">Release</th><th scope=\"col\">Description</th>")
                .raw("<th scope=\"col\">Status</th><th scope=\"col\">Created</th><th scope=\"col\"><span class=\"sr\">Action</span></th>")
                .raw("</tr></thead><tbody>");
        for (Release r : list) {
            h.raw("<tr data-release=\"").text(r.version()).raw("\">").element("th", r.label() + (r.version() == current ? " (current)" : ""))
                    .element("td", r.description()).element("td", r.status().name().toLowerCase())
                    .element("td", Html.when(r.createdAt())).raw("<td>");
            if (r.status() == ReleaseStatus.SUCCEEDED && r.version() != current && r.slugId().isPresent()) {
                ApiForm.openWithJson(h, "POST", "/api/apps/" + app.name().value() + "/releases/rollback",
                        "{\"version\":" + r.version() + "}", "Rolled back to " + r.label() + ".");
                ApiForm.close(h, "Roll back", "Roll back to " + r.label());
            }
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table>");
    }

    private void builds(Html h, App app) {
        List<Build> list = builds.builds(app.name(), Page.first(BUILDS_SHOWN)).items();
        if (list.isEmpty()) {
            h.raw("<p>No build yet: <code>git push</code> to this app starts one.</p>");
            return;
        }
        h.raw("<table class=\"builds\"><thead><tr><th scope=\"col\">Build</th><th scope=\"col\">Status</th>")
                .raw("<th scope=\"col\">Commit</th><th scope=\"col\">Release</th><th scope=\"col\">Created</th></tr></thead><tbody>");
        for (Build b : list) {
            h.raw("<tr><th scope=\"row\"><a href=\"/apps/").text(app.name().value()).raw("/builds/").text(b.id())
                    .raw("\">").text(b.id()).raw("</a></th>").element("td", b.status().name().toLowerCase())
                    .element("td", b.commit().substring(0, Math.min(7, b.commit().length())))
                    .element("td", b.releaseVersion().map(v -> "v" + v).orElse("–"))
                    .element("td", Html.when(b.createdAt())).raw("</tr>");
        }
        h.raw("</tbody></table>");
    }
}
