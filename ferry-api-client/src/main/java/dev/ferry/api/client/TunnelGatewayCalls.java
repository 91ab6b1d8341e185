package dev.ferry.api.client;

import dev.ferry.core.api.EndpointPublication;
import dev.ferry.core.api.GatewayAgents;
import dev.ferry.core.api.GatewayRegistration;
import dev.ferry.core.api.TunnelGrant;
import dev.ferry.core.api.TunnelGrantRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The calls a separate gateway ({@code ferry gateway}) makes, typed: register and deregister itself, publish and
 * withdraw tunnel endpoints, ask whether an agent may publish an app. The client carries the gateway's admin token.
 */
public final class TunnelGatewayCalls {

    private final ControlApiClient api;
    private final String gatewayId;

    public TunnelGatewayCalls(ControlApiClient api, String gatewayId) {
        this.api = Objects.requireNonNull(api, "api");
        this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    }

    public String gatewayId() {
        return gatewayId;
    }

    /** {@code PUT /api/tunnel-gateways/{id}}: registers or renews this gateway. */
    public GatewayRegistration register(GatewayRegistration registration) {
        return api.call("PUT", base(), registration, GatewayRegistration.class);
    }

    /** {@code DELETE /api/tunnel-gateways/{id}}; also how a start checks its admin token. */
    public void deregister() {
        api.call("DELETE", base(), null);
    }

    /** {@code PUT /api/tunnel-gateways/{id}/endpoints/{endpointId}}. */
    public EndpointPublication publish(String endpointId, EndpointPublication publication) {
        return api.call("PUT", base() + "/endpoints/" + endpointId, publication, EndpointPublication.class);
    }

    /** {@code DELETE /api/tunnel-gateways/{id}/endpoints/{endpointId}?name=}. */
    public void withdraw(String endpointId, String name) {
        api.call("DELETE", base() + "/endpoints/" + endpointId + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), null);
    }

    /** {@code PUT /api/tunnel-gateways/{id}/agents}: the agents connected to this gateway now. */
    public void agents(GatewayAgents agents) {
        api.call("PUT", base() + "/agents", agents);
    }

    /** {@code POST /api/tunnel-gateways/{id}/grants}: may this agent publish this app? */
    public TunnelGrant grant(TunnelGrantRequest question) {
        return api.call("POST", base() + "/grants", question, TunnelGrant.class);
    }

    private String base() {
        return "/api/tunnel-gateways/" + gatewayId;
    }
}
