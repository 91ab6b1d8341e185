package dev.ferry.control.apps;

import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.Forbidden;
import dev.ferry.control.error.InvalidDomain;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.DomainRequest;
import dev.ferry.core.route.HostName;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * An app's custom domains: {@code GET/POST /api/apps/{app}/domains {"hostname", "force"}} and
 * {@code DELETE /api/apps/{app}/domains/{hostname}}. What may be added is decided by {@link DomainRules}: no IP
 * address, nothing under the apps' own domain, wildcards only for admins or under a domain the caller owns, and
 * nothing another app, a route or another owner's wildcard holds, unless an admin forces it ({@code "force": true}
 * in the body or {@code ?force=true}; 403 for others), which is recorded as a {@code domain.force} event. At most
 * {@link dev.ferry.core.store.AppLimits#maxDomains} per app (422 {@code too_many_domains}). A domain whose route
 * did not exist gets one with an empty pool; removing the domain removes only a route it created.
 */
final class DomainsApi {

    private final AppStore store;
    private final AppAccess access;
    private final AppRoutes routes;
    private final DomainRules rules;

    DomainsApi(AppStore store, AppAccess access, AppRoutes routes) {
        this.store = store;
        this.access = access;
        this.routes = routes;
        this.rules = new DomainRules(store, routes.registry(), routes.domain());
    }

    void register(RoutesConfig r) {
        r.get("/api/apps/{app}/domains", this::list);
        r.post("/api/apps/{app}/domains", this::add);
        r.delete("/api/apps/{app}/domains/{hostname}", this::remove);
    }

    private void list(Context ctx) {
        App app = access.require(ctx);
        Json.ok(ctx, store.domains(app.name()).stream().map(ModelJson::domain).toList());
    }

    private void add(Context ctx) {
        App app = access.require(ctx);
        User caller = Caller.of(ctx);
        DomainRequest request = RequestBody.parse(ctx.body(), DomainRequest.class);
        String hostname = hostname(RequestBody.required(request.hostname(), "hostname"));
        boolean force = Boolean.TRUE.equals(request.force()) || forceQuery(ctx);
        if (force && !caller.admin()) {
            throw new Forbidden("Only an admin may force a domain onto an app.");
        }
        rules.checkAllowed(hostname, caller);
        boolean routed = rules.checkFree(hostname, app, force);
        AppDomain domain = force ? store.forceDomain(app.name(), hostname, routed, caller.id())
                : store.addDomain(app.name(), hostname, caller.id());
        routes.addHost(app.name(), domain.hostname());
        ctx.header("Location", "/api/apps/" + app.name() + "/domains/" + domain.hostname());
        Json.answer(ctx, 201, ModelJson.domain(domain));
    }

    private static boolean forceQuery(Context ctx) {
        String raw = ctx.queryParam("force");
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true") || raw.isEmpty()) {
            return true;
        }
        throw new InvalidInput("the query parameter 'force' must be true or false");
    }

    private void remove(Context ctx) {
        App app = access.require(ctx);
        String hostname = hostname(ctx.pathParam("hostname"));
        AppDomain removed = store.removeDomain(app.name(), hostname, Caller.of(ctx).id());
        if (removed.ownsRoute()) {
            routes.removeHost(hostname);
        }
        ctx.status(204);
    }

    private static String hostname(String raw) {
        try {
            return HostName.normalizeDomain(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidDomain(e.getMessage());
        }
    }
}
