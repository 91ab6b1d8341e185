package dev.ferry.control.routes;

import dev.ferry.control.json.Paging;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.TcpRouteRequest;
import dev.ferry.control.error.PortReserved;
import dev.ferry.control.error.RouteNotFound;
import dev.ferry.control.error.TargetExists;
import dev.ferry.control.error.TargetNotFound;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.TcpRoute;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The TCP routes API: {@code /api/tcp-routes}, keyed by the router's listener port. Ports Ferry itself
 * listens on are refused with 409 {@code port_reserved}.
 */
public final class TcpRoutesApi {

    private final RouteRegistry registry;
    private final Set<Integer> reservedPorts;
    // Serialises this API's check-then-act mutations against each other.
    private final Object writeLock = new Object();

    public TcpRoutesApi(RouteRegistry registry, Set<Integer> reservedPorts) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.reservedPorts = Set.copyOf(reservedPorts);
    }

    /** Registers every endpoint of this API. */
    public void register(RoutesConfig routes) {
        routes.post("/api/tcp-routes", this::create);
        routes.get("/api/tcp-routes", this::list);
        routes.get("/api/tcp-routes/{port}", this::get);
        routes.delete("/api/tcp-routes/{port}", this::delete);
        routes.delete("/api/tcp-routes/{port}/targets", this::removeTarget);
    }

    private void create(Context ctx) {
        TcpRouteRequest request = RequestBody.parse(ctx.body(), TcpRouteRequest.class);
        int port = Inputs.port(RequestBody.required(request.port(), "port"));
        String targetUrl = RequestBody.required(request.targetUrl(), "targetUrl");
        int weight = Inputs.weight(request.weight());
        PolicyPatch patch = PolicyPatch.of(request);
        Endpoint endpoint = Inputs.target(targetUrl, "tcp", weight);
        if (reservedPorts.contains(port)) {
            throw new PortReserved("port " + port + " is one Ferry itself listens on");
        }
        TcpRoute result;
        synchronized (writeLock) {
            TcpRoute existing = registry.table().tcpRoute(port);
            if (existing != null && existing.endpoints().stream().anyMatch(e -> e.id().equals(endpoint.id()))) {
                throw new TargetExists("TCP route " + port + " already has the target " + endpoint.url("tcp"));
            }
            RoutePolicy current = existing == null ? RoutePolicy.DEFAULT : existing.policy();
            RoutePolicy wanted = patch.applyTo(current);
            if (existing == null ? !wanted.equals(RoutePolicy.DEFAULT) : !wanted.equals(current)) {
                registry.putTcpRoute(port, wanted);
            }
            result = registry.addTcpEndpoint(port, endpoint, Optional.empty());
        }
        ctx.status(201).header("Location", "/api/tcp-routes/" + port);
        RoutesApi.json(ctx, RouteJson.tcp(result));
    }

    private void list(Context ctx) {
        List<TcpRoute> routes = registry.table().tcpRoutes();
        List<TcpRoute> slice = Paging.sorted(ctx, routes, after -> {
            int port = Inputs.portParam(after);
            return r -> r.port() > port;
        }, r -> Integer.toString(r.port()));
        RoutesApi.json(ctx, slice.stream().map(RouteJson::tcp).toList());
    }

    private void get(Context ctx) {
        RoutesApi.json(ctx, RouteJson.tcp(require(Inputs.portParam(ctx.pathParam("port")))));
    }

    private void delete(Context ctx) {
        int port = Inputs.portParam(ctx.pathParam("port"));
        if (!registry.removeTcpRoute(port)) {
            throw notFound(port);
        }
        ctx.status(204);
    }

    private void removeTarget(Context ctx) {
        int port = Inputs.portParam(ctx.pathParam("port"));
        String url = Inputs.requiredQuery(ctx.queryParam("url"), "url");
        Endpoint target = Inputs.target(url, "tcp", Endpoint.DEFAULT_WEIGHT);
        TcpRoute result;
        synchronized (writeLock) {
            TcpRoute route = require(port);
            if (route.endpoints().stream().noneMatch(e -> e.id().equals(target.id()))) {
                throw new TargetNotFound("TCP route " + port + " has no target " + url);
            }
            result = registry.removeTcpEndpoint(port, target.id()).orElseThrow(() -> notFound(port));
        }
        RoutesApi.json(ctx, RouteJson.tcp(result));
    }

    private TcpRoute require(int port) {
        TcpRoute route = registry.table().tcpRoute(port);
        if (route == null) {
            throw notFound(port);
        }
        return route;
    }

    private static RouteNotFound notFound(int port) {
        return new RouteNotFound("TCP route " + port + " not found");
    }
}
