package dev.ferry.control.apps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.DomainReserved;
import dev.ferry.control.error.InvalidDomain;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.route.HostName;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * An app's custom domains: {@code GET/POST /api/apps/{app}/domains {"hostname"}} and
 * {@code DELETE /api/apps/{app}/domains/{hostname}}. A domain belongs to one app at most (409
 * {@code domain_taken}); names under the apps' own domain are refused (409 {@code domain_reserved}),
 * since {@code <app>.<domain>} is every app's default. Each domain gets a route with an empty pool.
 */
final class DomainsApi {

    private final Store store;
    private final AppAccess access;
    private final AppRoutes routes;

    DomainsApi(Store store, AppAccess access, AppRoutes routes) {
        this.store = store;
        this.access = access;
        this.routes = routes;
    }

    void register(RoutesConfig r) {
        r.get("/api/apps/{app}/domains", this::list);
        r.post("/api/apps/{app}/domains", this::add);
        r.delete("/api/apps/{app}/domains/{hostname}", this::remove);
    }

    private void list(Context ctx) {
        App app = access.require(ctx);
        ArrayNode out = Json.array();
        store.domains(app.name()).forEach(d -> out.add(ModelJson.domain(d)));
        Json.ok(ctx, out);
    }

    private void add(Context ctx) {
        App app = access.require(ctx);
        String hostname = hostname(RequestBody.parse(ctx.body(), Set.of("hostname")).requiredText("hostname"));
        if (hostname.equals(routes.domain()) || hostname.endsWith("." + routes.domain())) {
            throw new DomainReserved(hostname, routes.domain());
        }
        AppDomain domain = store.addDomain(app.name(), hostname, Caller.of(ctx).id());
        routes.addHost(domain.hostname());
        ctx.header("Location", "/api/apps/" + app.name() + "/domains/" + domain.hostname());
        Json.answer(ctx, 201, ModelJson.domain(domain));
    }

    private void remove(Context ctx) {
        App app = access.require(ctx);
        String hostname = hostname(ctx.pathParam("hostname"));
        store.removeDomain(app.name(), hostname, Caller.of(ctx).id());
        routes.removeHost(hostname);
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
