package dev.ferry.control.addons;

import dev.ferry.control.ControlApi;
import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonAttachment;
import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.addons.AddonStore;
import dev.ferry.core.api.AddonAttachRequest;
import dev.ferry.core.api.AddonCreateRequest;
import dev.ferry.core.api.AddonInfo;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The add-ons API ({@code ferry addons…}); a caller sees an add-on when it may use one of the apps it is attached to:
 * <ul>
 *   <li>{@code GET /api/addons}: the add-ons of every app the caller may use.</li>
 *   <li>{@code GET /api/apps/{app}/addons}: the app's add-ons.</li>
 *   <li>{@code POST /api/apps/{app}/addons {"service", "name"?, "plan"?, "as"?}} (201): provisions, then sets
 *   {@code DATABASE_URL}/{@code REDIS_URL} (or {@code <AS>_URL}) in a new release; 409 {@code addons_not_configured}
 *   when no server is given for the service.</li>
 *   <li>{@code GET /api/addons/{name}}: one add-on with its attachments.</li>
 *   <li>{@code POST /api/addons/{name}/attachments {"app", "as"?}} (201): shares it with another app (the caller must
 *   be able to use both).</li>
 *   <li>{@code DELETE /api/addons/{name}/attachments/{app}}: removes the app's config var in a new release.</li>
 *   <li>{@code DELETE /api/addons/{name}?confirm=NAME}: removes every attachment's config var, drops the database
 *   or ACL user and the add-on's backups, forgets the add-on.</li>
 *   <li>{@code POST /api/addons/{name}/credentials/rotate}: new credentials for a PostgreSQL add-on, rolled out to
 *   every attached app as a release, the old ones revoked once the old instances are gone
 *   ({@link CredentialRotation}).</li>
 *   <li>The backups of {@link PgBackupsApi}.</li>
 * </ul>
 * Credentials are never answered here.
 */
public final class AddonsApi implements ControlApi {

    private final AppStore apps;
    private final AddonStore addons;
    private final AddonLifecycle lifecycle;
    private final AppAccess appAccess;
    private final AddonAccess access;
    private final CredentialRotation rotation;

    public AddonsApi(AccountStore accounts, AppStore apps, AddonStore addons, AddonLifecycle lifecycle) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.addons = Objects.requireNonNull(addons, "addons");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.appAccess = new AppAccess(accounts, apps);
        this.access = new AddonAccess(apps, addons);
        this.rotation = new CredentialRotation(addons, lifecycle.releases(), lifecycle.deployments(), lifecycle,
                CredentialRotation.DEFAULT_OLD_INSTANCES_WAIT);
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/addons", this::listAll);
        r.get("/api/apps/{app}/addons", this::listOfApp);
        r.post("/api/apps/{app}/addons", this::create);
        r.get("/api/addons/{name}", this::info);
        r.delete("/api/addons/{name}", this::destroy);
        r.post("/api/addons/{name}/attachments", this::attach);
        r.delete("/api/addons/{name}/attachments/{app}", this::detach);
        r.post("/api/addons/{name}/credentials/rotate", this::rotate);
        new PgBackupsApi(access, lifecycle).register(r);
    }

    private void listAll(Context ctx) {
        User caller = Caller.of(ctx);
        Map<String, Addon> all = new TreeMap<>();
        for (App app : caller.admin() ? apps.allApps() : apps.apps(caller.id())) {
            addons.addonsOf(app.name()).forEach(a -> all.put(a.name(), a));
        }
        answer(ctx, List.copyOf(all.values()));
    }

    private void listOfApp(Context ctx) {
        answer(ctx, addons.addonsOf(appAccess.require(ctx).name()));
    }

    private void create(Context ctx) {
        App app = appAccess.require(ctx);
        AddonCreateRequest body = RequestBody.parse(ctx.body(), AddonCreateRequest.class);
        AddonKind kind;
        try {
            kind = AddonKind.parse(RequestBody.required(body.service(), "service"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        Addon addon = lifecycle.create(app.name(), kind, body.name(),
                body.plan() == null ? AddonLifecycle.DEFAULT_PLAN : body.plan(), body.as(), Caller.of(ctx).id());
        ctx.header("Location", "/api/addons/" + addon.name());
        Json.answer(ctx, 201, json(addon));
    }

    private void info(Context ctx) {
        Json.ok(ctx, json(access.visible(ctx)));
    }

    private void attach(Context ctx) {
        Addon addon = access.visible(ctx);
        AddonAttachRequest body = RequestBody.parse(ctx.body(), AddonAttachRequest.class);
        AppName target = access.usable(ctx, RequestBody.required(body.app(), "app"));
        AddonAttachment attachment = lifecycle.attach(addon.name(), target, body.as(), Caller.of(ctx).id());
        Json.answer(ctx, 201, AddonJson.of(attachment));
    }

    private void detach(Context ctx) {
        Addon addon = access.visible(ctx);
        AppName target = access.usable(ctx, ctx.pathParam("app"));
        Json.ok(ctx, AddonJson.of(lifecycle.detach(addon.name(), target, Caller.of(ctx).id())));
    }

    private void destroy(Context ctx) {
        Addon addon = access.visible(ctx);
        access.usable(ctx, addon.owner().value());
        String confirm = ctx.queryParam("confirm");
        if (!addon.name().equals(confirm)) {
            throw new InvalidInput("destroying an add-on drops its data: confirm with ?confirm=" + addon.name());
        }
        lifecycle.destroy(addon, Caller.of(ctx).id());
        ctx.status(204);
    }

    private void rotate(Context ctx) {
        Addon addon = access.visible(ctx);
        Json.ok(ctx, rotation.rotate(addon, Caller.of(ctx).id()));
    }

    private void answer(Context ctx, List<Addon> list) {
        Json.ok(ctx, list.stream().map(this::json).toList());
    }

    private AddonInfo json(Addon addon) {
        return AddonJson.of(addon, lifecycle.location(addon.kind()).orElse(null));
    }
}
