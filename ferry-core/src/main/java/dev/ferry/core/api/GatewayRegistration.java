package dev.ferry.core.api;

/**
 * {@code PUT /api/tunnel-gateways/{id}}: a separate gateway registers or renews itself, so agents find it; the API
 * answers the same fields with the gateway's {@code id}.
 *
 * @param id          the gateway's id (set in the answer; ignored in the request, where the path names it)
 * @param host        the address agents connect to
 * @param port        its tunnel port
 * @param fingerprint the SHA-256 fingerprint of its TLS certificate, which agents pin
 * @param ttlSeconds  how long the registration lives without a renewal (1–3600; absent in the answer)
 */
public record GatewayRegistration(String id, String host, Integer port, String fingerprint, Integer ttlSeconds) {

    public static GatewayRegistration request(String host, int port, String fingerprint, int ttlSeconds) {
        return new GatewayRegistration(null, host, port, fingerprint, ttlSeconds);
    }
}
