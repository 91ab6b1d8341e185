package dev.ferry.control.dashboard;

import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.builds.UnknownBuild;
import dev.ferry.core.store.App;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.BuildStore;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.http.Context;
import java.util.Set;
import java.util.TreeSet;

/**
 * An app's pages: {@code GET /apps/{app}} (instances and scale, releases with rollback, builds, config, domains
 * and certificates, drains, collaborators, traffic charts and autoscaling (read from {@code GET
 * /api/apps/{app}/autoscale} by {@code autoscale.js} where this Ferry has it); each section a fragment that
 * htmx loads and reloads after a change, {@link AppFragments}), {@code GET /apps/{app}/logs} (the live tail with
 * filters, streamed from {@code GET /api/apps/{app}/logs?tail=true}) and {@code GET /apps/{app}/builds/{id}} (a
 * build's output, streamed while it runs from the builds API). Access is checked by the API's {@link AppAccess}.
 */
final class AppPage {

    private final AppAccess access;
    private final ReleaseStore releases;
    private final BuildStore builds;

    AppPage(AppAccess access, ReleaseStore releases, BuildStore builds) {
        this.access = access;
        this.releases = releases;
        this.builds = builds;
    }

    void render(Context ctx, DashboardSessions.Session session) {
        App app = access.require(ctx);
        String name = app.name().value();
        String base = "/apps/" + name;
        Html h = new Html().raw("<h1>").text(name).raw("</h1><p class=\"subnav\"><a href=\"").text(base + "/logs")
                .raw("\">Live logs</a></p>");
        section(h, "Instances", base, "instances", "load, every 2s");
        section(h, "Scale", base, "formation", "load, ferry:changed from:body");
        h.raw("<section aria-labelledby=\"h-traffic\"><h2 id=\"h-traffic\">Traffic</h2>")
                .raw("<div class=\"windows\" role=\"group\" aria-label=\"Traffic window\">")
                .raw("<button type=\"button\" data-window=\"hour\" aria-pressed=\"true\">Last hour</button>")
                .raw("<button type=\"button\" data-window=\"day\" aria-pressed=\"false\">Last day</button></div>")
                .raw("<div id=\"traffic\" class=\"traffic\" data-src=\"").text(base + "/traffic.json").raw("\">")
                .raw(chart("requests", "Requests per second by status class"))
                .raw(chart("latency", "Latency p50 / p95 / p99 (ms)"))
                .raw(chart("bytes", "Bytes in and out per second"))
                .raw(chart("cpu", "Instance CPU, all instances together (% of one core)"))
                .raw(chart("memory", "Instance memory, all instances together (bytes)"))
                .raw("</div><p class=\"hint\" id=\"usage-hint\">Instance CPU and memory are sampled every 10 s and ")
                .raw("kept for the last hour; a gap is a time they were not measured (no cgroups here, or no ")
                .raw("instance running).</p></section>");
        h.raw("<section aria-labelledby=\"h-autoscale\" id=\"autoscale\" data-src=\"").text("/api/apps/" + name + "/autoscale")
                .raw("\"><h2 id=\"h-autoscale\">Autoscaling</h2><p class=\"hint\">Not set for this app.</p></section>");
        section(h, "Releases", base, "releases", "load, ferry:changed from:body");
        section(h, "Builds", base, "builds", "load, ferry:changed from:body, every 5s");
        section(h, "Config vars", base, "config", "load, ferry:changed from:body");
        section(h, "Domains and certificates", base, "domains", "load, ferry:changed from:body");
        section(h, "Log drains", base, "drains", "load, ferry:changed from:body");
        section(h, "Collaborators", base, "collaborators", "load, ferry:changed from:body");
        ctx.html(Layout.page(name, session, h.toString()));
    }

    /** A chart's place, which {@code charts.js} fills; the caption names it for screen readers too. */
    private static String chart(String name, String caption) {
        return "<figure><figcaption>" + caption + "</figcaption><div class=\"chart\" data-chart=\"" + name
                + "\"></div></figure>";
    }

    private static void section(Html h, String title, String base, String fragment, String trigger) {
        h.raw("<section aria-labelledby=\"h-").raw(fragment).raw("\"><h2 id=\"h-").raw(fragment).raw("\">").text(title)
                .raw("</h2><div class=\"fragment\" id=\"f-").raw(fragment).raw("\" hx-get=\"").text(base + "/fragments/" + fragment)
                .raw("\" hx-trigger=\"").text(trigger).raw("\">Loading…</div></section>");
    }

    void logs(Context ctx, DashboardSessions.Session session) {
        App app = access.require(ctx);
        String name = app.name().value();
        Set<String> types = new TreeSet<>();
        releases.currentRelease(app.name()).ifPresent(r -> types.addAll(r.processTypes().keySet()));
        types.remove("release");
        Html h = new Html().raw("<h1><a href=\"/apps/").text(name).raw("\">").text(name).raw("</a>: live logs</h1>")
                .raw("<form class=\"log-filters\" id=\"log-filters\" data-stream=\"").text("/api/apps/" + name + "/logs")
                .raw("\"><label for=\"log-ps\">Process type</label><select id=\"log-ps\" name=\"ps\"><option value=\"\">all</option>");
        for (String type : types) {
            h.raw("<option>").text(type).raw("</option>");
        }
        h.raw("</select><label for=\"log-source\">Source</label><select id=\"log-source\" name=\"source\">")
                .raw("<option value=\"\">all</option><option>app</option><option>router</option><option>ferry</option></select>")
                .raw("<button type=\"button\" id=\"log-toggle\" aria-pressed=\"true\">Pause</button>")
                .raw("<span id=\"log-state\" class=\"hint\" role=\"status\">connecting…</span></form>")
                .raw("<pre id=\"log\" class=\"log\" tabindex=\"0\" aria-label=\"Log lines, newest last\"></pre>");
        ctx.html(Layout.page(name + " logs", session, h.toString()));
    }

    void build(Context ctx, DashboardSessions.Session session) {
        App app = access.require(ctx);
        String text = ctx.pathParam("id");
        if (!BuildId.isValid(text)) {
            throw new UnknownBuild(app.name().value(), text);
        }
        Build build = builds.build(app.name(), BuildId.parse(text))
                .orElseThrow(() -> new UnknownBuild(app.name().value(), text));
        String name = app.name().value();
        Html h = new Html().raw("<h1><a href=\"/apps/").text(name).raw("\">").text(name).raw("</a>: build ")
                .text(build.id()).raw("</h1><p>").text(build.status().name().toLowerCase() + " · commit "
                        + build.commit().substring(0, Math.min(7, build.commit().length())) + " · " + build.branch())
                .raw("</p><pre id=\"build-output\" class=\"log\" tabindex=\"0\" aria-label=\"Build output\" data-stream=\"")
                .text("/api/apps/" + name + "/builds/" + build.id() + "/output").raw("\"></pre>");
        ctx.html(Layout.page(name + " build", session, h.toString()));
    }
}
