package dev.ferry.control;

import dev.ferry.control.apps.AppDataCleanups;
import dev.ferry.control.apps.AppRoutes;
import dev.ferry.control.apps.AppsApi;
import dev.ferry.control.auth.BearerAuthFilter;
import dev.ferry.control.auth.BrowserSessions;
import dev.ferry.control.auth.TokenVerifier;
import dev.ferry.control.error.ApiErrorMapper;
import dev.ferry.control.health.StoreHealth;
import dev.ferry.control.openapi.OpenApiDocument;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.control.routes.RoutesApi;
import dev.ferry.control.routes.TcpRoutesApi;
import dev.ferry.control.users.TokensApi;
import dev.ferry.control.users.UsersApi;
import dev.ferry.core.access.AccessChanges;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.Store;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.router.ParsedEndpoint;
import java.net.BindException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The control API: Javalin on Jetty, serving {@code /api/**} (bearer-token protected), the public
 * {@code GET /api/health} ({@link StoreHealth}: 503 when the store cannot be written), {@code GET /api/openapi.json}
 * and the Prometheus scrape at {@code GET /metrics}, for the admin's token only (it names every tenant's routes).
 * This class only assembles the pieces: authentication ({@link BearerAuthFilter}), the APIs
 * ({@link RoutesApi}, {@link TcpRoutesApi} for admins; {@link AppsApi}, {@link UsersApi}, {@link TokensApi}
 * over the {@link Store}) and the one error mapper ({@link ApiErrorMapper}). Revoked tokens, removed collaborators
 * and destroyed apps are announced to the platform's {@link AccessChanges}; wrong bearer tokens are counted per
 * client address by its {@link AuthFailureLimiter} (docs/security.md). With the dashboard's {@link BrowserSessions},
 * a request without a bearer token may carry its session cookie instead, and a change then needs the session's
 * CSRF token (docs/dashboard.md).
 *
 * <p>Lifecycle: construct, {@link #start()}, {@link #close()}. Not restartable.
 */
public final class ControlServer implements AutoCloseable {

    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The buffer Javalin copies an answer to Jetty through, per request: small, since Jetty buffers the answer too. */
    private static final int RESPONSE_COPY_BUFFER = 2048;
    private static final Set<String> PUBLIC_API_PATHS = Set.of("/api/health", "/api/openapi.json");
    /** The routes APIs change the router directly, so they are for admins only. */
    private static final List<String> ADMIN_ONLY_PREFIXES = List.of("/api/routes", "/api/tcp-routes", "/api/events",
            "/api/tunnel-gateways", "/metrics");
    /** Outside {@code /api/} but guarded: the scrape lists every route, custom domains of every tenant included. */
    private static final Set<String> GUARDED_PATHS = Set.of("/metrics");

    private final ControlConfig config;
    private final Javalin app;

    /**
     * Assembles the API; also adds the routes of apps of the store that lack one ({@link AppRoutes#syncAll}).
     *
     * @param tokens resolves bearer tokens to users; the platform passes {@code store::authenticate}
     */
    public ControlServer(ControlConfig config, RouteRegistry registry, Store store, TokenVerifier tokens,
                         Supplier<String> metricsScrape) {
        this(config, registry, store, tokens, metricsScrape, List.of());
    }

    /**
     * Assembles the API with extra servlets in the same Jetty, such as git over HTTP.
     *
     * @param servlets served next to the API, each authenticating by itself
     */
    public ControlServer(ControlConfig config, RouteRegistry registry, Store store, TokenVerifier tokens,
                         Supplier<String> metricsScrape, List<MountedServlet> servlets) {
        this(config, registry, store, tokens, metricsScrape, servlets, List.of());
    }

    /**
     * Assembles the API with extra servlets in the same Jetty and extra parts of the API.
     *
     * @param servlets served next to the API, each authenticating by itself
     * @param apis parts of the API over other ports, registered after the store's
     */
    public ControlServer(ControlConfig config, RouteRegistry registry, Store store, TokenVerifier tokens,
                         Supplier<String> metricsScrape, List<MountedServlet> servlets, List<ControlApi> apis) {
        this(config, registry, store, tokens, metricsScrape, servlets, apis, Deployments.withoutRuntime(store));
    }

    /**
     * Assembles the API with extra servlets, extra parts and the runtime's deployments.
     *
     * @param deployments runs the releases and formations the API makes ({@link Deployments#withoutRuntime}
     *     when the platform runs no instances)
     */
    public ControlServer(ControlConfig config, RouteRegistry registry, Store store, TokenVerifier tokens,
                         Supplier<String> metricsScrape, List<MountedServlet> servlets, List<ControlApi> apis,
                         Deployments deployments) {
        this(config, registry, store, tokens, metricsScrape, servlets, apis, deployments, List.of(),
                AccessChanges.NONE, AuthFailureLimiter.unlimited());
    }

    /**
     * Assembles the API with everything above, the clean-ups of apps' data, the announcements of revoked access
     * and the limit on failed authentications.
     *
     * @param cleanups delete what parts of the platform keep per app outside the store, in this order, when an app
     *     is destroyed and before a new app of the same name is used
     * @param changes  told after a token is revoked, a collaborator removed or an app destroyed, so that the
     *     sessions opened under that access end
     * @param failures counts wrong bearer tokens per client address and refuses an address over its limit (429)
     */
    public ControlServer(ControlConfig config, RouteRegistry registry, Store store, TokenVerifier tokens,
                         Supplier<String> metricsScrape, List<MountedServlet> servlets, List<ControlApi> apis,
                         Deployments deployments, List<AppDataCleanup> cleanups, AccessChanges changes,
                         AuthFailureLimiter failures) {
        this(config, registry, store, tokens, metricsScrape, servlets, apis, deployments, cleanups, changes, failures,
                BrowserSessions.NONE);
    }

    /**
     * Assembles the API with everything above and the dashboard's browser sessions, which the API then takes as a
     * second way in (with a CSRF token on every change).
     *
     * @param browsers the dashboard's sessions, {@link BrowserSessions#NONE} without a dashboard
     */
    public ControlServer(ControlConfig config, RouteRegistry registry, Store store, TokenVerifier tokens,
                         Supplier<String> metricsScrape, List<MountedServlet> servlets, List<ControlApi> apis,
                         Deployments deployments, List<AppDataCleanup> cleanups, AccessChanges changes,
                         AuthFailureLimiter failures, BrowserSessions browsers) {
        Objects.requireNonNull(deployments, "deployments");
        Objects.requireNonNull(changes, "changes");
        List<MountedServlet> mounted = List.copyOf(servlets);
        List<ControlApi> extraApis = List.copyOf(apis);
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(metricsScrape, "metricsScrape");
        BearerAuthFilter auth = new BearerAuthFilter(tokens, PUBLIC_API_PATHS, ADMIN_ONLY_PREFIXES, GUARDED_PATHS,
                failures, browsers);
        ApiErrorMapper errors = new ApiErrorMapper();
        TcpRoutesApi tcpRoutesApi = new TcpRoutesApi(registry, config.reservedPorts());
        AppRoutes appRoutes = new AppRoutes(registry, config.appsDomain(), config.appsHttpPort());
        RoutesApi routesApi = new RoutesApi(registry, appRoutes.appOfHost(store));
        appRoutes.syncAll(store);
        AppsApi appsApi = new AppsApi(store, appRoutes, deployments, new AppDataCleanups(cleanups), changes);
        StoreHealth health = new StoreHealth(store, config.healthProbeInterval());
        UsersApi usersApi = new UsersApi(store);
        TokensApi tokensApi = new TokensApi(store, changes);
        String openApi = OpenApiDocument.json();
        this.app = Javalin.create(c -> {
            configure(c);
            c.jetty.modifyServletContextHandler(h -> mounted.forEach(
                    m -> h.addServlet(new ServletHolder(m.servlet()), m.pathSpec())));
            c.routes.exception(Exception.class, errors::handle);
            // Javalin answers its own 404/405 unless a handler is registered for exactly this type.
            c.routes.exception(HttpResponseException.class, errors::handle);
            c.routes.before(auth::check);
            c.routes.wsBeforeUpgrade(auth::check);
            c.routes.get("/api/health", health::answer);
            c.routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            c.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(metricsScrape.get()));
            routesApi.register(c.routes);
            tcpRoutesApi.register(c.routes);
            appsApi.register(c.routes);
            usersApi.register(c.routes);
            tokensApi.register(c.routes);
            extraApis.forEach(api -> api.register(c.routes));
        });
    }

    private void configure(JavalinConfig c) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.http.prefer405over404 = true;
        // Javalin copies each answer to Jetty through a buffer of this size, made anew per request; its default (Jetty's
        // 32 KiB output buffer) was three quarters of what a request allocated. Jetty still buffers the answer itself.
        c.http.responseBufferSize = RESPONSE_COPY_BUFFER;
        c.jetty.host = config.bindAddress();
        c.jetty.port = config.port();
    }

    /**
     * Starts listening.
     *
     * @throws ControlServerStartException when the address cannot be bound (e.g. the port is taken)
     */
    public ControlServer start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            String where = config.bindAddress() + ":" + config.port();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new ControlServerStartException("the control API cannot listen on " + where
                            + ": the port is already in use (choose another with --api-port)", e);
                }
            }
            throw new ControlServerStartException("the control API failed to start on " + where + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The port actually listened on (useful when the configured port is 0). */
    public int port() {
        return app.port();
    }

    /** The {@code "METHOD /path"} pairs registered with Javalin, for checking the OpenAPI document. */
    Set<String> registeredEndpoints() {
        Set<String> all = new TreeSet<>();
        for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
            if (e.endpoint.method.isHttpMethod()) {
                all.add(e.endpoint.method.name() + " " + e.endpoint.path);
            }
        }
        return all;
    }

    /** Stops listening; in-flight requests are given Jetty's graceful stop. */
    @Override
    public void close() {
        app.stop();
    }
}
