package dev.ferry.control.routes;

import dev.ferry.control.error.DomainInUse;
import dev.ferry.control.json.Paging;
import dev.ferry.control.json.RequestBody;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.error.RouteNotFound;
import dev.ferry.control.error.TargetExists;
import dev.ferry.control.error.TargetNotFound;
import dev.ferry.core.api.RoutePolicyRequest;
import dev.ferry.core.api.RouteRequest;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP routes API (Mini-PaaS compatible): {@code /api/routes} and its sub-resources, over a
 * {@link RouteRegistry}. Every refusal is thrown as a named API error before anything is changed. A target added to
 * a host of an app ({@code hello.<domain>} or a custom domain) would join the pool of the app's own instances, so
 * it is refused (409 {@code domain_in_use}) unless the request says {@code "force": true} ({@code routes:add --force}).
 */
public final class RoutesApi {

    private final RouteRegistry registry;
    private final Function<String, Optional<String>> appOfHost;
    // Serialises this API's check-then-act mutations (e.g. refusing a duplicate target) against each other.
    private final Object writeLock = new Object();

    /** The routes API of a registry without apps. */
    public RoutesApi(RouteRegistry registry) {
        this(registry, host -> Optional.empty());
    }

    /** @param appOfHost the app a host name belongs to (default or custom domain), if any */
    public RoutesApi(RouteRegistry registry, Function<String, Optional<String>> appOfHost) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.appOfHost = Objects.requireNonNull(appOfHost, "appOfHost");
    }

    /** Registers every endpoint of this API. */
    public void register(RoutesConfig routes) {
        routes.post("/api/routes", this::create);
        routes.get("/api/routes", this::list);
        routes.get("/api/routes/{domain}", this::get);
        routes.patch("/api/routes/{domain}", this::patch);
        routes.delete("/api/routes/{domain}", this::delete);
        routes.delete("/api/routes/{domain}/targets", this::removeTargetByUrl);
        routes.delete("/api/routes/{domain}/targets/{endpointId}", this::removeTargetById);
    }

    private void create(Context ctx) {
        RouteRequest request = RequestBody.parse(ctx.body(), RouteRequest.class);
        String domain = Inputs.domain(RequestBody.required(request.domain(), "domain"));
        String targetUrl = RequestBody.required(request.targetUrl(), "targetUrl");
        int weight = Inputs.weight(request.weight());
        PolicyPatch patch = PolicyPatch.of(request);
        Endpoint endpoint = Inputs.target(targetUrl, "http", weight);
        boolean force = Boolean.TRUE.equals(request.force());
        Optional<String> app = appOfHost.apply(domain);
        if (app.isPresent() && !force) {
            throw new DomainInUse(domain + " is a host of the app " + app.get() + ": a target added here would join the"
                    + " pool of its instances; use another name, or force it (routes:add --force)");
        }
        Route result;
        synchronized (writeLock) {
            Route existing = registry.table().route(domain);
            if (existing != null && existing.endpoint(endpoint.id()).isPresent()) {
                throw new TargetExists("route " + domain + " already has the target " + endpoint.url("http"));
            }
            RoutePolicy current = existing == null ? RoutePolicy.DEFAULT : existing.policy();
            RoutePolicy wanted = patch.applyTo(current);
            if (existing == null ? !wanted.equals(RoutePolicy.DEFAULT) : !wanted.equals(current)) {
                registry.putRoute(domain, wanted);
            }
            result = registry.addEndpoint(domain, endpoint, Optional.empty());
        }
        ctx.status(201).header("Location", "/api/routes/" + domain);
        json(ctx, RouteJson.http(result));
    }

    private void list(Context ctx) {
        List<Route> routes = registry.table().routes();
        List<Route> slice = Paging.sorted(ctx, routes, after -> r -> r.domain().compareTo(after) > 0, Route::domain);
        json(ctx, slice.stream().map(RouteJson::http).toList());
    }

    private void get(Context ctx) {
        json(ctx, RouteJson.http(existing(ctx)));
    }

    private void patch(Context ctx) {
        String domain = Inputs.domain(ctx.pathParam("domain"));
        PolicyPatch patch = PolicyPatch.of(RequestBody.parse(ctx.body(), RoutePolicyRequest.class));
        Route result;
        synchronized (writeLock) {
            Route route = require(domain);
            result = patch.isEmpty() ? route : registry.putRoute(domain, patch.applyTo(route.policy()));
        }
        json(ctx, RouteJson.http(result));
    }

    private void delete(Context ctx) {
        String domain = Inputs.domain(ctx.pathParam("domain"));
        if (!registry.removeRoute(domain)) {
            throw notFound(domain);
        }
        ctx.status(204);
    }

    private void removeTargetByUrl(Context ctx) {
        String domain = Inputs.domain(ctx.pathParam("domain"));
        String url = Inputs.requiredQuery(ctx.queryParam("url"), "url");
        Endpoint target = Inputs.target(url, "http", Endpoint.DEFAULT_WEIGHT);
        removeTarget(ctx, domain, target.id(), url);
    }

    private void removeTargetById(Context ctx) {
        String domain = Inputs.domain(ctx.pathParam("domain"));
        String id = ctx.pathParam("endpointId");
        if (id.isBlank()) {
            throw new InvalidInput("the target id is empty");
        }
        removeTarget(ctx, domain, id, id);
    }

    private void removeTarget(Context ctx, String domain, String endpointId, String shownAs) {
        Route result;
        synchronized (writeLock) {
            Route route = require(domain);
            if (route.endpoint(endpointId).isEmpty()) {
                throw new TargetNotFound("route " + domain + " has no target " + shownAs);
            }
            result = registry.removeEndpoint(domain, endpointId).orElseThrow(() -> notFound(domain));
        }
        json(ctx, RouteJson.http(result));
    }

    private Route existing(Context ctx) {
        return require(Inputs.domain(ctx.pathParam("domain")));
    }

    private Route require(String domain) {
        Route route = registry.table().route(domain);
        if (route == null) {
            throw notFound(domain);
        }
        return route;
    }

    private static RouteNotFound notFound(String domain) {
        return new RouteNotFound("route " + domain + " not found");
    }

    static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(RouteJson.write(value));
    }
}
