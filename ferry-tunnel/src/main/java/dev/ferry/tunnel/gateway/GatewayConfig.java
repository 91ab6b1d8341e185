package dev.ferry.tunnel.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link TunnelGateway}.
 *
 * @param bindAddress      where agents connect (default {@code 0.0.0.0}: devices are elsewhere)
 * @param port             the agents' TLS port (default {@value #DEFAULT_PORT}; 0 for an ephemeral one)
 * @param advertisedHost   the host agents are told to dial (default {@code localhost})
 * @param listenerHost     the loopback address of the per-tunnel listeners the router connects to, and the
 *                         host of the tunnel endpoints registered for them (default {@code 127.0.0.1})
 * @param gatewayId        a token naming this gateway in endpoint ids; unique among gateways sharing a registry
 * @param endpointTtl      how long a tunnel endpoint lives in the registry without a refresh (default 30 s), so a
 *                         gateway that dies without deregistering loses its tunnels by itself
 * @param refreshInterval  how often live tunnels refresh their endpoints (default 10 s)
 * @param heartbeat        PING interval on an idle agent connection (default 5 s)
 * @param deadAfter        read silence after which an agent connection is closed as dead (default 15 s)
 * @param handshakeTimeout time for TLS plus the hello line (default 10 s)
 */
public record GatewayConfig(String bindAddress, int port, String advertisedHost, String listenerHost, String gatewayId,
                            Duration endpointTtl, Duration refreshInterval, Duration heartbeat, Duration deadAfter,
                            Duration handshakeTimeout) {

    public static final int DEFAULT_PORT = 7000;

    public GatewayConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(listenerHost, "listenerHost");
        Objects.requireNonNull(gatewayId, "gatewayId");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("gateway port " + port + " is outside 0-65535");
        }
        if (gatewayId.isEmpty() || !gatewayId.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
            throw new IllegalArgumentException("gateway id '" + gatewayId + "' must be letters, digits and '-'");
        }
        for (Duration d : new Duration[] {endpointTtl, refreshInterval, heartbeat, deadAfter, handshakeTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("gateway durations must be positive");
            }
        }
        if (refreshInterval.compareTo(endpointTtl) >= 0) {
            throw new IllegalArgumentException("the refresh interval must be shorter than the endpoint TTL");
        }
    }

    /** The defaults, on a given port and id. */
    public static GatewayConfig defaults(int port, String gatewayId) {
        return new GatewayConfig("0.0.0.0", port, "localhost", "127.0.0.1", gatewayId, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10));
    }

    public GatewayConfig withBindAddress(String address) {
        return new GatewayConfig(address, port, advertisedHost, listenerHost, gatewayId, endpointTtl, refreshInterval,
                heartbeat, deadAfter, handshakeTimeout);
    }

    public GatewayConfig withAdvertisedHost(String host) {
        return new GatewayConfig(bindAddress, port, host, listenerHost, gatewayId, endpointTtl, refreshInterval,
                heartbeat, deadAfter, handshakeTimeout);
    }

    public GatewayConfig withHeartbeat(Duration every, Duration dead) {
        return new GatewayConfig(bindAddress, port, advertisedHost, listenerHost, gatewayId, endpointTtl, refreshInterval,
                every, dead, handshakeTimeout);
    }
}
