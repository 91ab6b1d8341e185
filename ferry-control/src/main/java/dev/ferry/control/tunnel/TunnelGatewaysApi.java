package dev.ferry.control.tunnel;

import dev.ferry.control.ControlApi;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.EndpointPublication;
import dev.ferry.core.api.GatewayAgents;
import dev.ferry.core.api.GatewayRegistration;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HostName;
import dev.ferry.core.route.TunnelAgent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a separate gateway process ({@code ferry gateway}) uses the platform's route registry; admin only (see
 * {@code ControlServer}), since it writes routes:
 * <ul>
 *   <li>{@code PUT /api/tunnel-gateways/{id}} {@code {"host","port","fingerprint","ttlSeconds"}} registers or
 *       renews the gateway, so {@code GET /api/apps/{app}/tunnel} lists it to agents while it lives;</li>
 *   <li>{@code DELETE /api/tunnel-gateways/{id}} deregisters it;</li>
 *   <li>{@code PUT /api/tunnel-gateways/{id}/agents} {@code {"agents":[…]}} says which agents are connected to it now,
 *       for the admins' tunnels page ({@link GatewayAgents}); kept with the registration;</li>
 *   <li>{@code PUT /api/tunnel-gateways/{id}/endpoints/{endpointId}} {@code {"name","host","port","ttlSeconds"}}
 *       publishes or renews a tunnel endpoint on a name (marking the name as served by tunnels);</li>
 *   <li>{@code DELETE /api/tunnel-gateways/{id}/endpoints/{endpointId}?name=} withdraws it.</li>
 * </ul>
 * Agents' tokens are not checked here: the gateway asks {@code GET /api/apps/{app}/tunnel} with the agent's
 * own token.
 */
public final class TunnelGatewaysApi implements ControlApi {

    /** What the platform does with a separate gateway's endpoints (its registry, through the tunnel module). */
    public interface Endpoints {
        void publish(String name, Endpoint endpoint, Duration ttl);

        void withdraw(String name, String endpointId);
    }

    private static final int MAX_TTL_SECONDS = 3600;

    private final RegisteredGateways gateways;
    private final Endpoints endpoints;

    public TunnelGatewaysApi(RegisteredGateways gateways, Endpoints endpoints) {
        this.gateways = Objects.requireNonNull(gateways, "gateways");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.put("/api/tunnel-gateways/{id}", this::registerGateway);
        routes.delete("/api/tunnel-gateways/{id}", this::deregisterGateway);
        routes.put("/api/tunnel-gateways/{id}/agents", this::agents);
        routes.put("/api/tunnel-gateways/{id}/endpoints/{endpoint}", this::publish);
        routes.delete("/api/tunnel-gateways/{id}/endpoints/{endpoint}", this::withdraw);
    }

    private void registerGateway(Context ctx) {
        String id = id(ctx, "id");
        GatewayRegistration body = RequestBody.parse(ctx.body(), GatewayRegistration.class);
        TunnelDirectory.Gateway gateway = new TunnelDirectory.Gateway(required(body.host(), "host"), port(body.port()),
                required(body.fingerprint(), "fingerprint"));
        gateways.register(id, gateway, ttl(body.ttlSeconds()));
        Json.ok(ctx, new GatewayRegistration(id, gateway.host(), gateway.port(), gateway.fingerprint(), null));
    }

    private void agents(Context ctx) {
        String id = id(ctx, "id");
        List<TunnelAgent> agents = GatewayAgentsBody.agents(RequestBody.parse(ctx.body(), GatewayAgents.class));
        if (!gateways.agents(id, agents)) {
            throw new InvalidInput("no gateway '" + id + "' is registered: register it first (PUT /api/tunnel-gateways/"
                    + id + ")");
        }
        ctx.status(204);
    }

    private void deregisterGateway(Context ctx) {
        gateways.remove(id(ctx, "id"));
        ctx.status(204);
    }

    private void publish(Context ctx) {
        id(ctx, "id");
        String endpointId = id(ctx, "endpoint");
        EndpointPublication body = RequestBody.parse(ctx.body(), EndpointPublication.class);
        String name = name(required(body.name(), "name"));
        Endpoint endpoint;
        try {
            endpoint = Endpoint.tunnel(endpointId, required(body.host(), "host"), port(body.port()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        endpoints.publish(name, endpoint, ttl(body.ttlSeconds()));
        Json.ok(ctx, new EndpointPublication(endpointId, name, null, null, null));
    }

    private void withdraw(Context ctx) {
        id(ctx, "id");
        String endpointId = id(ctx, "endpoint");
        String name = ctx.queryParam("name");
        if (name == null) {
            throw new InvalidInput("the query parameter 'name' is required");
        }
        endpoints.withdraw(name(name), endpointId);
        ctx.status(204);
    }

    private static String id(Context ctx, String param) {
        String id = ctx.pathParam(param);
        if (id.isEmpty() || id.length() > 200 || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
            throw new InvalidInput("'" + param + "' must be letters, digits, '-' and '.'");
        }
        return id;
    }

    private static String name(String name) {
        try {
            return HostName.normalizeDomain(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("the request body needs the field '" + field + "'");
        }
        return value;
    }

    private static int port(Integer port) {
        if (port == null) {
            throw new InvalidInput("'port' is required");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInput("'port' must be 1-65535");
        }
        return port;
    }

    private static Duration ttl(Integer seconds) {
        if (seconds == null) {
            throw new InvalidInput("'ttlSeconds' is required");
        }
        if (seconds < 1 || seconds > MAX_TTL_SECONDS) {
            throw new InvalidInput("'ttlSeconds' must be 1-" + MAX_TTL_SECONDS);
        }
        return Duration.ofSeconds(seconds);
    }
}
