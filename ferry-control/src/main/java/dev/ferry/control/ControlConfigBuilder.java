package dev.ferry.control;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** Builds a {@link ControlConfig}; every setting starts at its documented default. Not thread-safe. */
public final class ControlConfigBuilder {

    private String bindAddress = ControlConfig.DEFAULT_BIND_ADDRESS;
    private int port = ControlConfig.DEFAULT_PORT;
    private final Set<Integer> reservedPorts = new LinkedHashSet<>();
    private String appsDomain = ControlConfig.DEFAULT_APPS_DOMAIN;
    private int appsHttpPort = ControlConfig.DEFAULT_APPS_HTTP_PORT;
    private Duration healthProbeInterval = ControlConfig.DEFAULT_HEALTH_PROBE_INTERVAL;

    ControlConfigBuilder() {
    }

    /** The address to listen on; default {@code 127.0.0.1}. */
    public ControlConfigBuilder bindAddress(String address) {
        this.bindAddress = address;
        return this;
    }

    /** The port to listen on; default 7070, 0 for an ephemeral port. */
    public ControlConfigBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** Replaces the set of ports refused for TCP routes. */
    public ControlConfigBuilder reservedPorts(Set<Integer> ports) {
        reservedPorts.clear();
        reservedPorts.addAll(ports);
        return this;
    }

    /** The apps' domain; default {@code localhost}. */
    public ControlConfigBuilder appsDomain(String domain) {
        this.appsDomain = domain;
        return this;
    }

    /** The router's HTTP port, shown in apps' web URLs unless it is 80; default 80. */
    public ControlConfigBuilder appsHttpPort(int port) {
        this.appsHttpPort = port;
        return this;
    }

    /** How long {@code /api/health} reuses its last write probe of the store; default 5 s. */
    public ControlConfigBuilder healthProbeInterval(Duration interval) {
        this.healthProbeInterval = interval;
        return this;
    }

    /** @throws IllegalArgumentException when a setting is out of range */
    public ControlConfig build() {
        return new ControlConfig(bindAddress, port, reservedPorts, appsDomain, appsHttpPort, healthProbeInterval);
    }
}
