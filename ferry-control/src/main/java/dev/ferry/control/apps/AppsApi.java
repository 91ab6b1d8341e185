package dev.ferry.control.apps;

import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.AppBusy;
import dev.ferry.control.error.InvalidName;
import dev.ferry.control.error.LeftoversNotRemoved;
import dev.ferry.control.error.NameTaken;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.Paging;
import dev.ferry.control.json.RequestBody;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.access.AccessChange;
import dev.ferry.core.api.AppCreateRequest;
import dev.ferry.core.api.AppRenameRequest;
import dev.ferry.core.api.AppDetail;
import dev.ferry.core.api.AppSummary;
import dev.ferry.core.access.AccessChanges;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Store;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The apps API: {@code POST/GET /api/apps}, {@code GET/DELETE /api/apps/{app}}, and, through the classes of
 * this package, every resource of an app. Creating an app adds its route {@code <app>.<domain>} to the
 * registry; a new name may not contain {@code --} (the tunnel separator, {@link AppName#checkNew}) nor be one whose
 * default host a route made with the routes API holds (409 {@code name_taken}), and anything an earlier app of the
 * name left is deleted first. Destroying an app removes its route and the routes its custom domains created, then
 * runs every {@link AppDataCleanups clean-up} (repository, build cache, build output, slugs, logs...).
 * {@code PATCH /api/apps/{app}} with {@code {"name": NEW}} renames an app, for its owner or an admin, under the
 * rules of a new name; see {@link #rename}.
 */
public final class AppsApi {

    /** How many recent events {@code GET /api/apps/{app}} shows. */
    private static final int RECENT_EVENTS = 10;

    private final Store store;
    private final AppRoutes routes;
    private final AppAccess access;
    private final Deployments deployments;
    private final AppDataCleanups cleanups;
    private final AccessChanges changes;

    /** The apps API of a platform that runs no instances. */
    public AppsApi(Store store, AppRoutes routes) {
        this(store, routes, Deployments.withoutRuntime(store));
    }

    /** @param deployments runs the releases and formations made through this API */
    public AppsApi(Store store, AppRoutes routes, Deployments deployments) {
        this(store, routes, deployments, AppDataCleanups.none(), AccessChanges.NONE);
    }

    /**
     * @param cleanups delete what parts of the platform keep per app, when an app is destroyed or created
     * @param changes  told of each destroyed app and removed collaborator, so that their sessions end
     */
    public AppsApi(Store store, AppRoutes routes, Deployments deployments, AppDataCleanups cleanups,
                   AccessChanges changes) {
        this.store = Objects.requireNonNull(store, "store");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.access = new AppAccess(store, store);
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.cleanups = Objects.requireNonNull(cleanups, "cleanups");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** Registers the apps API and every app resource. */
    public void register(RoutesConfig r) {
        r.post("/api/apps", this::create);
        r.get("/api/apps", this::list);
        r.get("/api/apps/{app}", this::info);
        r.patch("/api/apps/{app}", this::rename);
        r.delete("/api/apps/{app}", this::destroy);
        new ConfigApi(store, access, deployments).register(r);
        new ReleasesApi(store, store, store, access, routes, deployments).register(r);
        new DomainsApi(store, access, routes).register(r);
        new FormationApi(store, store.autoscale(), access, deployments).register(r);
        new MaintenanceApi(store, access, routes).register(r);
        new CollaboratorsApi(store, store, access, changes).register(r);
        // every app's events and those of users and tokens, for the admin (the path is admin-only)
        r.get("/api/events", ctx -> Json.ok(ctx, ModelJson.events(Paging.read(ctx, store::events).items())));
        r.get("/api/apps/{app}/events", ctx -> {
            App app = access.require(ctx);
            Json.ok(ctx, ModelJson.events(Paging.read(ctx, p -> store.events(app.name(), p)).items()));
        });
    }

    private void create(Context ctx) {
        User caller = Caller.of(ctx);
        AppCreateRequest request = RequestBody.parseOrEmpty(ctx.body(), AppCreateRequest.class);
        App app = Optional.ofNullable(request.name())
                .map(name -> store.createApp(caller.id(), unrouted(name(name))))
                .orElseGet(() -> store.createAppWithRandomName(caller.id()));
        if (!cleanups.run(DestroyedApp.leftoversOf(app))) {
            store.destroyApp(app.name(), caller.id());
            throw new LeftoversNotRemoved(app.name().value());
        }
        routes.addApp(app.name());
        ctx.header("Location", "/api/apps/" + app.name());
        Json.answer(ctx, 201, new ModelJson(store, routes).app(app));
    }

    private static AppName name(String raw) {
        try {
            return AppName.checkNew(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidName(e.getMessage());
        }
    }

    /** The name, unless a route made outside the apps holds its default host (an existing app is the store's to refuse). */
    private AppName unrouted(AppName name) {
        if (store.app(name).isEmpty() && routes.defaultHostRouted(name)) {
            throw new NameTaken("The name " + name + " is taken: " + routes.defaultHost(name)
                    + " is routed by the platform already.");
        }
        return name;
    }

    private void list(Context ctx) {
        User caller = Caller.of(ctx);
        List<App> apps = caller.admin() ? store.allApps() : store.apps(caller.id());
        List<App> page = Paging.sorted(ctx, apps, after -> a -> a.name().value().compareTo(after) > 0,
                a -> a.name().value());
        ModelJson json = new ModelJson(store, routes);
        Json.ok(ctx, page.stream().map(json::app).toList());
    }

    private void info(Context ctx) {
        App app = access.require(ctx);
        ModelJson json = new ModelJson(store, routes);
        AppSummary summary = json.app(app);
        Json.ok(ctx, new AppDetail(summary.name(), summary.owner(), summary.webUrl(), summary.createdAt(),
                store.collaborators(app.name()).stream().map(ModelJson::collaborator).toList(),
                List.copyOf(routes.hostNames().of(app.name(), store)),
                store.currentRelease(app.name()).map(json::release).orElse(null),
                store.formation(app.name()).quantities(),
                ModelJson.events(store.events(app.name(), Page.first(RECENT_EVENTS)).items())));
    }

    /**
     * Renames the app in one store transaction, then moves what the platform keeps under the old name: the
     * clean-ups' data (replacing what an earlier app of the new name left), the default host (serving at
     * once with the old host's endpoints), and the instances, converged under the new name before the old ones
     * stop; what was kept under the old name meanwhile is then removed. Sessions opened under the old name end. An
     * app with a build queued or running is refused (409 {@code app_busy}): that build's release names the app.
     */
    private void rename(Context ctx) {
        App app = access.requireOwner(ctx);
        User caller = Caller.of(ctx);
        AppName to = unrouted(name(RequestBody.required(RequestBody.parse(ctx.body(), AppRenameRequest.class).name(), "name")));
        if (store.unfinishedBuilds().stream().anyMatch(b -> b.app().equals(app.name()))) {
            throw new AppBusy("A build of " + app.name() + " is queued or running; rename it once the build is done.");
        }
        App renamed = store.renameApp(app.name(), to, caller.id());
        cleanups.move(app.name(), to);
        routes.renameApp(app.name(), to);
        changes.announce(new AccessChange.AppDestroyed(app.name()));
        deployments.renamed(app.name(), to);
        // an old instance's last refresh may have brought the old host back before it stopped
        routes.removeHost(routes.defaultHost(app.name()));
        cleanups.run(DestroyedApp.leftoversOf(app)); // what was kept under the old name while its instances ran
        ctx.header("Location", "/api/apps/" + to);
        Json.ok(ctx, new ModelJson(store, routes).app(renamed));
    }

    private void destroy(Context ctx) {
        App app = access.requireOwner(ctx);
        cleanups.prepare(app, Caller.of(ctx).id());
        DestroyedApp destroyed = store.destroyApp(app.name(), Caller.of(ctx).id());
        changes.announce(new AccessChange.AppDestroyed(app.name()));
        deployments.destroyed(app.name());
        routes.removeApp(destroyed);
        cleanups.run(destroyed);
        ctx.status(204);
    }
}
