package dev.ferry.control.apps;

import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.Paging;
import dev.ferry.control.json.RequestBody;
import dev.ferry.control.reconcile.Deployed;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.api.ReleaseInfo;
import dev.ferry.core.api.RollbackRequest;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.EventStore;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseNotFound;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/apps/{app}/releases}: the releases, newest first, paginated ({@link Paging});
 * {@code GET /api/apps/{app}/releases/{version}} ({@code 3} or {@code v3}): one release with its
 * {@code processTypes} and the names of its {@code configVars} (values only ever in the config resource);
 * every release is a {@link ReleaseInfo};
 * {@code POST /api/apps/{app}/releases/rollback {"version"?}}: a new release with the config and slug of
 * release {@code version}, or of the succeeded release before the current one when absent, answered once the
 * app's instances run it (status {@code succeeded}) or its deploy failed (status {@code failed} with a
 * {@code failure} sentence; the previous release keeps serving). A failed release carries its {@code failure}
 * in the list too.
 */
final class ReleasesApi {

    private final ReleaseStore store;
    private final AccountStore accounts;
    private final EventStore events;
    private final AppAccess access;
    private final AppRoutes routes;
    private final Deployments deployments;

    ReleasesApi(ReleaseStore store, AccountStore accounts, EventStore events, AppAccess access, AppRoutes routes,
                Deployments deployments) {
        this.store = store;
        this.accounts = accounts;
        this.events = events;
        this.access = access;
        this.routes = routes;
        this.deployments = deployments;
    }

    void register(RoutesConfig r) {
        r.get("/api/apps/{app}/releases", this::list);
        r.post("/api/apps/{app}/releases/rollback", this::rollback);
        r.get("/api/apps/{app}/releases/{version}", this::one);
    }

    private void one(Context ctx) {
        App app = access.require(ctx);
        String text = ctx.pathParam("version");
        int version;
        try {
            version = Integer.parseInt(text.startsWith("v") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw new InvalidInput("'" + text + "' is not a release version, as in v3");
        }
        Release release = store.release(app.name(), version)
                .orElseThrow(() -> new ReleaseNotFound(app.name(), version));
        ReleaseInfo info = new ModelJson(accounts, routes).release(release,
                ReleaseFailures.of(events, app.name(), List.of(release)).of(release));
        Json.ok(ctx, info.withDetails(release.processTypes(), List.copyOf(release.config().asMap().keySet())));
    }

    private void list(Context ctx) {
        App app = access.require(ctx);
        ModelJson json = new ModelJson(accounts, routes);
        List<Release> releases = Paging.read(ctx, page -> store.releases(app.name(), page)).items();
        ReleaseFailures failures = ReleaseFailures.of(events, app.name(), releases);
        Json.ok(ctx, releases.stream().map(r -> json.release(r, failures.of(r))).toList());
    }

    private void rollback(Context ctx) {
        App app = access.require(ctx);
        Integer version = ctx.body().isBlank() ? null : RequestBody.parse(ctx.body(), RollbackRequest.class).version();
        if (version != null && version < 1) {
            throw new InvalidInput("the field 'version' must be 1 or more");
        }
        Deployed deployed = deployments.release(app.name(), () -> version == null
                ? store.rollbackToPrevious(app.name(), Caller.of(ctx).id())
                : store.rollback(app.name(), version, Caller.of(ctx).id()), line -> { });
        Json.answer(ctx, 201, new ModelJson(accounts, routes).release(deployed.release(),
                deployed.succeeded() ? Optional.empty() : Optional.of(deployed.result().reason())));
    }
}
