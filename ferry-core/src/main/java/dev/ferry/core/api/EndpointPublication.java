package dev.ferry.core.api;

/**
 * {@code PUT /api/tunnel-gateways/{id}/endpoints/{endpointId}}: a separate gateway publishes or renews a tunnel
 * endpoint on a host name. The API answers {@code name} and the endpoint's {@code id}.
 *
 * @param id         the endpoint id (in the answer)
 * @param name       the host name served by the tunnel
 * @param host       the gateway's address for that endpoint (in the request)
 * @param port       its port (in the request)
 * @param ttlSeconds how long the endpoint lives without a renewal, 1–3600 (in the request)
 */
public record EndpointPublication(String id, String name, String host, Integer port, Integer ttlSeconds) {

    public static EndpointPublication request(String name, String host, int port, int ttlSeconds) {
        return new EndpointPublication(null, name, host, port, ttlSeconds);
    }
}
