package dev.ferry.control.dashboard;

import dev.ferry.control.ControlApi;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.ApiException;
import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.auth.TokenVerifier;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.TunnelAgents;
import dev.ferry.core.runtime.ResourceSeries;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.Store;
import dev.ferry.core.traffic.TrafficSeries;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.Objects;

/**
 * The web dashboard at the API port's {@code /}: the pages register here, each behind the sign-in gate
 * ({@link #page}): without a live session a page redirects to {@code /sign-in}; with one, the session's user
 * becomes the request's {@link Caller}, so that pages check access with the API's own {@code AppAccess} (another
 * user's app is 404, as in the API), and a form posted to a page needs the session's CSRF token. Changes are made
 * by the pages' scripts through the JSON API itself, which takes the same session cookie ({@link DashboardSessions}).
 *
 * <p>Every response outside {@code /api/} and {@code /git/} carries the {@link #CONTENT_SECURITY_POLICY} (scripts
 * only from Ferry itself, none inline), and says not to be framed or sniffed.
 */
public final class Dashboard implements ControlApi {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final DashboardSessions sessions;
    private final SignInPages signIn;
    private final AppsPage apps;
    private final AppPage app;
    private final AppFragments fragments;
    private final TrafficJson traffic;
    private final AdminPages admin;

    Dashboard(DashboardSessions sessions, SignInPages signIn, AppsPage apps, AppPage app, AppFragments fragments,
              TrafficJson traffic, AdminPages admin) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.signIn = signIn;
        this.apps = apps;
        this.app = app;
        this.fragments = fragments;
        this.traffic = traffic;
        this.admin = admin;
    }

    /**
     * The dashboard over the store's ports, the runtime (through {@code deployments}), the route table and the
     * traffic series, signing people in to {@code sessions}.
     *
     * @param tokens   resolves typed-in API tokens, as the API's bearer check does
     * @param failures counts wrong tokens per client address, shared with the API
     */
    public static Dashboard create(DashboardSessions sessions, Store store, TokenVerifier tokens,
                                   AuthFailureLimiter failures, Deployments deployments, RouteRegistry registry,
                                   TrafficSeries traffic, String appsDomain, Clock clock) {
        return create(sessions, store, tokens, failures, deployments, registry, traffic, new ResourceSeries(),
                TunnelAgents.NONE, appsDomain, clock);
    }

    /**
     * As above, with the instances' CPU and memory of the last hour ({@link ResourceSampler} feeds them) and the
     * agents connected to this process's tunnel gateway.
     */
    public static Dashboard create(DashboardSessions sessions, Store store, TokenVerifier tokens,
                                   AuthFailureLimiter failures, Deployments deployments, RouteRegistry registry,
                                   TrafficSeries traffic, ResourceSeries resources, TunnelAgents agents,
                                   String appsDomain, Clock clock) {
        AppAccess access = new AppAccess(store, store);
        AppHostNames hosts = new AppHostNames(appsDomain);
        AppStatus status = new AppStatus(store, deployments.runtime(), registry, hosts);
        SettingsFragments settings = new SettingsFragments(store, store, store, store.certificates());
        return new Dashboard(sessions, new SignInPages(sessions, tokens, failures), new AppsPage(store, status, clock),
                new AppPage(access, store, store),
                new AppFragments(access, store, store, deployments.runtime(), settings, clock),
                new TrafficJson(access, traffic, resources, clock), new AdminPages(registry, hosts, traffic, agents, clock));
    }

    /** The sessions, which the API's authentication takes too ({@link dev.ferry.control.auth.BrowserSessions}). */
    public DashboardSessions sessions() {
        return sessions;
    }

    @Override
    public void register(RoutesConfig r) {
        r.before(Dashboard::securityHeaders);
        r.after(ctx -> {
            if ("text/html".equals(ctx.res().getContentType())) {
                ctx.contentType("text/html; charset=utf-8");
            }
        });
        r.get("/assets/*", Assets::serve);
        signIn.register(r);
        r.post("/sign-out", ctx -> {
            sessions.current(ctx).ifPresent(s -> DashboardSessions.requireCsrf(ctx, s));
            sessions.close(ctx);
            ctx.removeCookie(DashboardSessions.COOKIE, "/");
            ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
        });
        r.get("/", page(apps::render));
        r.get("/apps/{app}", page(app::render));
        r.get("/apps/{app}/logs", page(app::logs));
        r.get("/apps/{app}/builds/{id}", page(app::build));
        r.get("/apps/{app}/fragments/{fragment}", page(fragments::render));
        r.get("/apps/{app}/traffic.json", page(traffic::answer));
        r.get("/admin/routes", page(admin::routes));
        r.get("/admin/tcp-routes", page(admin::tcpRoutes));
        r.get("/admin/tunnels", page(admin::tunnels));
    }

    /** The gate in front of every page: a live session, its user as the caller, HTML errors. */
    private Handler page(PageHandler handler) {
        return ctx -> {
            var session = sessions.current(ctx);
            if (session.isEmpty()) {
                if (ctx.header("HX-Request") != null) {
                    ctx.header("HX-Redirect", "/sign-in").status(HttpStatus.UNAUTHORIZED);
                } else {
                    ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
                }
                return;
            }
            DashboardSessions.requireCsrf(ctx, session.get());
            Caller.attach(ctx, session.get().user(), session.get().recheck());
            try {
                handler.handle(ctx, session.get());
            } catch (ApiException e) {
                ctx.status(e.status()).html(Layout.page("Error", session.get(), new Html()
                        .raw("<h1>").text(e.status() == 404 ? "Not found" : "Refused").raw("</h1><p class=\"error\">")
                        .text(e.getMessage()).raw("</p><p><a href=\"/\">Back to your apps</a></p>").toString()));
            }
        };
    }

    private static void securityHeaders(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/api/") || path.startsWith("/git/")) {
            return;
        }
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin");
        if (!path.startsWith("/assets/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
