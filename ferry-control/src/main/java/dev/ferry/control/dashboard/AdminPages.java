package dev.ferry.control.dashboard;

import dev.ferry.control.auth.Caller;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.TcpRoute;
import dev.ferry.core.route.TunnelAgent;
import dev.ferry.core.route.TunnelAgents;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.traffic.TrafficSeries;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The admins' pages, read from the route table the routers serve: {@code /admin/routes} (every HTTP route and its
 * endpoints), {@code /admin/tcp-routes} and {@code /admin/tunnels} (the routes a tunnel endpoint serves, with the
 * app's requests of the last hour, then the agents connected to the platform's gateways (its own and the separate {@code ferry gateway}s, which
 * report theirs at each renewal), from {@link TunnelAgents}:
 * app, user, address, connected since, last heard, connections relayed). Others get 403, as from the routes API. Changes to routes stay with the CLI
 * and the API. At most {@value #MAX_ROWS} rows are shown per page.
 */
final class AdminPages {

    static final int MAX_ROWS = 1_000;

    private final RouteRegistry registry;
    private final AppHostNames hosts;
    private final TrafficSeries traffic;
    private final TunnelAgents agents;
    private final Clock clock;

    AdminPages(RouteRegistry registry, AppHostNames hosts, TrafficSeries traffic, TunnelAgents agents, Clock clock) {
        this.registry = registry;
        this.hosts = hosts;
        this.traffic = traffic;
        this.agents = agents;
        this.clock = clock;
    }

    void routes(Context ctx, DashboardSessions.Session session) {
        Caller.admin(ctx);
        List<Route> routes = registry.table().routes().stream().sorted(Comparator.comparing(Route::domain)).toList();
        Html h = new Html().raw("<h1>Routes</h1>");
        table(h, routes.size() + " routes", "Domain");
        routes.stream().limit(MAX_ROWS).forEach(r -> h.raw("<tr>").element("th", r.domain())
                .element("td", targets(r.endpoints())).raw("</tr>"));
        h.raw("</tbody></table>");
        ctx.html(Layout.page("Routes", session, h.toString()));
    }

    void tcpRoutes(Context ctx, DashboardSessions.Session session) {
        Caller.admin(ctx);
        List<TcpRoute> routes = registry.table().tcpRoutes().stream().sorted(Comparator.comparingInt(TcpRoute::port)).toList();
        Html h = new Html().raw("<h1>TCP routes</h1>");
        table(h, routes.size() + " TCP routes", "Port");
        routes.stream().limit(MAX_ROWS).forEach(r -> h.raw("<tr>").element("th", r.port())
                .element("td", targets(r.endpoints())).raw("</tr>"));
        h.raw("</tbody></table>");
        ctx.html(Layout.page("TCP routes", session, h.toString()));
    }

    void tunnels(Context ctx, DashboardSessions.Session session) {
        Caller.admin(ctx);
        List<Route> tunnelled = registry.table().routes().stream()
                .filter(r -> r.endpoints().stream().anyMatch(Endpoint::tunnel))
                .sorted(Comparator.comparing(Route::domain)).toList();
        Html h = new Html().raw("<h1>Tunnels</h1>");
        if (tunnelled.isEmpty()) {
            h.raw("<p>No tunnel is connected. A developer opens one with <code>ferry tunnel PORT -a APP</code>.</p>");
        } else {
            h.raw("<table><caption>").text(tunnelled.size() + " tunnelled hosts").raw("</caption><thead><tr>")
                    .raw("<th scope=\"col\">Host</th><th scope=\"col\">Gateway listener</th>")
                    .raw("<th scope=\"col\">Requests (last hour)</th></tr></thead><tbody>");
            for (Route r : tunnelled.stream().limit(MAX_ROWS).toList()) {
                String requests = hosts.appOfDefaultHost(r.domain())
                        .map(app -> String.valueOf(traffic.summary(app, Duration.ofHours(1), clock.instant()).requests()))
                        .orElse("–");
                h.raw("<tr>").element("th", r.domain())
                        .element("td", targets(r.endpoints().stream().filter(Endpoint::tunnel).toList()))
                        .element("td", requests).raw("</tr>");
            }
            h.raw("</tbody></table>");
        }
        agents(h);
        ctx.html(Layout.page("Tunnels", session, h.toString()));
    }

    private void agents(Html h) {
        List<TunnelAgent> connected = agents.connected().stream()
                .sorted(Comparator.comparing(TunnelAgent::app).thenComparing(TunnelAgent::tunnelId)).toList();
        h.raw("<h2>Agents</h2>");
        if (connected.isEmpty()) {
            h.raw("<p>No agent is connected to this platform's tunnel gateways.</p>");
        } else {
            h.raw("<table class=\"agents\"><caption>").text(connected.size() + " agents").raw("</caption><thead><tr>")
                    .raw("<th scope=\"col\">Tunnel</th><th scope=\"col\">App</th><th scope=\"col\">User</th>")
                    .raw("<th scope=\"col\">From</th><th scope=\"col\">Hosts</th><th scope=\"col\">Connected since</th>")
                    .raw("<th scope=\"col\">Last heartbeat</th><th scope=\"col\">Connections relayed</th>")
                    .raw("</tr></thead><tbody>");
            for (TunnelAgent a : connected.stream().limit(MAX_ROWS).toList()) {
                h.raw("<tr data-tunnel=\"").text(a.tunnelId()).raw("\">").element("th", a.tunnelId())
                        .element("td", a.app()).element("td", "#" + a.userId()).element("td", a.client())
                        .element("td", String.join(", ", a.hosts())).element("td", a.connectedSince().toString())
                        .element("td", ago(a.lastHeard())).element("td", a.connections()).raw("</tr>");
            }
            h.raw("</tbody></table>");
        }
        h.raw("<p class=\"hint\">Agents of gateways that run as their own processes (<code>ferry gateway</code>) ")
                .raw("are as of their gateway's last report, sent every 10 s.</p>");
    }

    private String ago(Instant at) {
        long seconds = Math.max(0, Duration.between(at, clock.instant()).toSeconds());
        return seconds + " s ago";
    }

    private static void table(Html h, String caption, String key) {
        h.raw("<table><caption>").text(caption).raw("</caption><thead><tr><th scope=\"col\">").text(key)
                .raw("</th><th scope=\"col\">Targets</th></tr></thead><tbody>");
    }

    private static String targets(List<Endpoint> endpoints) {
        return endpoints.isEmpty() ? "none" : endpoints.stream()
                .map(e -> e.host() + ":" + e.port() + (e.tunnel() ? " (tunnel)" : ""))
                .collect(Collectors.joining(", "));
    }
}
