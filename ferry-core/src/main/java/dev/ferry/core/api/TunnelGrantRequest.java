package dev.ferry.core.api;

/**
 * {@code POST /api/tunnel-gateways/{id}/grants}: a separate gateway asks whether an agent's token may publish an
 * app. The API refuses a body without every field.
 *
 * @param token  the agent's API token
 * @param app    the app the agent wants to serve
 * @param client the agent's IP address, against which a wrong token is counted
 */
public record TunnelGrantRequest(String token, String app, String client) {
}
