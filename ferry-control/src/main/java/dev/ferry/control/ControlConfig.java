package dev.ferry.control;

import dev.ferry.core.route.HostName;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The control API server's settings, built with {@link #builder()}.
 *
 * @param bindAddress   the address to listen on; default {@value #DEFAULT_BIND_ADDRESS} (local only)
 * @param port          the TCP port; default {@value #DEFAULT_PORT}, 0 for an ephemeral one
 * @param reservedPorts ports Ferry itself listens on (router, tunnel gateway, SSH...), refused for TCP
 *                      routes with 409 {@code port_reserved}; default none
 * @param appsDomain    the apps' domain: app {@code hello} is routed at {@code hello.<appsDomain>}; default
 *                      {@value #DEFAULT_APPS_DOMAIN}
 * @param appsHttpPort  the router's HTTP port, shown in apps' web URLs unless it is 80; default
 *                      {@value #DEFAULT_APPS_HTTP_PORT}
 * @param healthProbeInterval how long {@code /api/health} reuses its last write probe of the store; default
 *                      {@link #DEFAULT_HEALTH_PROBE_INTERVAL} (5 s), zero probes on every request
 */
public record ControlConfig(String bindAddress, int port, Set<Integer> reservedPorts, String appsDomain, int appsHttpPort,
                            Duration healthProbeInterval) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_APPS_DOMAIN = "localhost";
    public static final int DEFAULT_APPS_HTTP_PORT = 80;
    public static final Duration DEFAULT_HEALTH_PROBE_INTERVAL = Duration.ofSeconds(5);

    public ControlConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("the control API bind address is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("control API port " + port + " is outside 0-65535");
        }
        appsDomain = HostName.normalizeDomain(appsDomain);
        if (appsHttpPort < 1 || appsHttpPort > 65535) {
            throw new IllegalArgumentException("apps' HTTP port " + appsHttpPort + " is outside 1-65535");
        }
        Objects.requireNonNull(healthProbeInterval, "healthProbeInterval");
        if (healthProbeInterval.isNegative()) {
            throw new IllegalArgumentException("the health probe interval must not be negative: " + healthProbeInterval);
        }
        reservedPorts = Set.copyOf(reservedPorts);
        for (int p : reservedPorts) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("reserved port " + p + " is outside 1-65535");
            }
        }
    }

    /** A builder starting from the defaults. */
    public static ControlConfigBuilder builder() {
        return new ControlConfigBuilder();
    }

    /** The defaults: 127.0.0.1:7070, no reserved ports, apps under {@code localhost}. */
    public static ControlConfig defaults() {
        return builder().build();
    }
}
