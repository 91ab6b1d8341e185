package dev.ferry.server.config;

import dev.ferry.core.access.AuthFailureLimits;
import dev.ferry.core.route.HostName;
import dev.ferry.core.store.AppLimits;
import dev.ferry.runtime.logs.drain.DrainAddressPolicy;
import dev.ferry.runtime.sandbox.NetworkMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of a single-node Ferry ({@code ferry up}), resolved once at start by
 * {@link FerryConfigResolver} from flags, then environment variables, then these defaults:
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>bindAddress</td><td>127.0.0.1 (use 0.0.0.0 to serve other machines)</td></tr>
 *   <tr><td>httpPort</td><td>8080, app traffic through the router</td></tr>
 *   <tr><td>httpsPort</td><td>8443, reserved for HTTPS once certificates exist</td></tr>
 *   <tr><td>apiPort</td><td>7070, control API, metrics</td></tr>
 *   <tr><td>sshPort</td><td>2222, git over SSH</td></tr>
 *   <tr><td>tunnelPort</td><td>7000, reserved for the tunnel gateway</td></tr>
 *   <tr><td>domain</td><td>localhost, so {@code http://hello.localhost:8080} needs no DNS</td></tr>
 *   <tr><td>dataDir</td><td>~/.ferry</td></tr>
 *   <tr><td>maxConnections</td><td>20000 client connections open at once in all (beyond: 503)</td></tr>
 *   <tr><td>maxConnectionsPerClient</td><td>1000 from one client address (beyond: 503; raise it behind a load balancer)</td></tr>
 *   <tr><td>maxPushBytes</td><td>512 MiB, the largest pack one {@code git push} may send (beyond: refused)</td></tr>
 *   <tr><td>maxBuilds</td><td>2 builds of different apps at once (one per app always; more wait in the queue)</td></tr>
 *   <tr><td>buildTimeout</td><td>15 min, the longest one build may run (beyond: it fails)</td></tr>
 *   <tr><td>appLimits</td><td>per app: 500 config vars, 32 KiB of config, 100 custom domains, 10 drains
 *   ({@link AppLimits#DEFAULT}; beyond: 422)</td></tr>
 *   <tr><td>authFailureLimits</td><td>20 failed authentications per client address per 60 s, then that address is
 *   refused for 60 s (API and git over HTTP: 429 with Retry-After)</td></tr>
 *   <tr><td>instanceNetwork</td><td>AUTO: each instance in its own network namespace when pasta works here</td></tr>
 *   <tr><td>drainAllow</td><td>none: log drains send only to public addresses, except to these {@code HOST:PORT}s</td></tr>
 *   <tr><td>sandboxLimits</td><td>{@link SandboxLimits#DEFAULTS}: pids, {@code /tmp} and {@code /app} of instances, memory and pids of builds</td></tr>
 * </table>
 *
 * <p>A port of {@link #OFF} (0) turns that listener off; {@link #EPHEMERAL} (-1) asks the OS for a free
 * port (used by tests and benchmarks).
 */
public record FerryConfig(
        String bindAddress,
        int httpPort,
        int httpsPort,
        int apiPort,
        int sshPort,
        int tunnelPort,
        String domain,
        Path dataDir,
        int maxConnections,
        int maxConnectionsPerClient,
        long maxPushBytes,
        int maxBuilds,
        Duration buildTimeout,
        AppLimits appLimits,
        AuthFailureLimits authFailureLimits,
        NetworkMode instanceNetwork,
        List<String> drainAllow,
        SandboxLimits sandboxLimits) {

    public static final long DEFAULT_MAX_PUSH_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_MAX_BUILDS = 2;
    public static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_CONNECTIONS = 20_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 1_000;

    public static final int OFF = 0;
    public static final int EPHEMERAL = -1;

    public FerryConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        checkPort("http port", httpPort);
        checkPort("https port", httpsPort);
        checkPort("api port", apiPort);
        checkPort("ssh port", sshPort);
        checkPort("tunnel port", tunnelPort);
        domain = HostName.normalizeDomain(domain);
        if (maxConnections < 1 || maxConnectionsPerClient < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1");
        }
        if (maxPushBytes < 1) {
            throw new IllegalArgumentException("the push size limit must be at least 1 byte");
        }
        if (maxBuilds < 1) {
            throw new IllegalArgumentException("at least 1 build must be allowed to run at once");
        }
        Objects.requireNonNull(buildTimeout, "buildTimeout");
        Objects.requireNonNull(appLimits, "appLimits");
        Objects.requireNonNull(authFailureLimits, "authFailureLimits");
        Objects.requireNonNull(sandboxLimits, "sandboxLimits");
        if (buildTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the build time limit must be at least 1 s");
        }
        Objects.requireNonNull(instanceNetwork, "instanceNetwork");
        drainAllow = List.copyOf(drainAllow);
        DrainAddressPolicy.allowing(drainAllow);
        if (HostName.isWildcard(domain)) {
            throw new IllegalArgumentException("the apps' domain '" + domain + "' must not be a wildcard");
        }
        Map<Integer, String> seen = new LinkedHashMap<>();
        for (var e : Map.of("http", httpPort, "https", httpsPort, "api", apiPort, "ssh", sshPort, "tunnel", tunnelPort).entrySet()) {
            if (e.getValue() > 0) {
                String other = seen.putIfAbsent(e.getValue(), e.getKey());
                if (other != null) {
                    throw new IllegalArgumentException("the " + other + " and " + e.getKey() + " ports are both " + e.getValue());
                }
            }
        }
    }

    /** The configuration with the defaults of every setting added since. */
    public FerryConfig(String bindAddress, int httpPort, int httpsPort, int apiPort, int sshPort, int tunnelPort,
                       String domain, Path dataDir, int maxConnections, int maxConnectionsPerClient, long maxPushBytes,
                       int maxBuilds, Duration buildTimeout) {
        this(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir, maxConnections,
                maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, AppLimits.DEFAULT,
                AuthFailureLimits.DEFAULT, NetworkMode.AUTO, List.of(), SandboxLimits.DEFAULTS);
    }

    public FerryConfig withAuthFailureLimits(AuthFailureLimits limits) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, appLimits, limits, instanceNetwork, drainAllow, sandboxLimits);
    }

    private static void checkPort(String what, int port) {
        if (port < EPHEMERAL || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is outside 0-65535 (0 turns it off)");
        }
    }

    /** The defaults with another data directory and every listener on an ephemeral loopback port. */
    public static FerryConfig ephemeral(Path dataDir) {
        return new FerryConfig("127.0.0.1", EPHEMERAL, OFF, EPHEMERAL, OFF, OFF, "localhost", dataDir,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_CLIENT, DEFAULT_MAX_PUSH_BYTES, DEFAULT_MAX_BUILDS, DEFAULT_BUILD_TIMEOUT,
                AppLimits.DEFAULT, AuthFailureLimits.DEFAULT, NetworkMode.AUTO, List.of(), SandboxLimits.DEFAULTS);
    }

    public FerryConfig withHttpPort(int port) {
        return new FerryConfig(bindAddress, port, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, appLimits, authFailureLimits, instanceNetwork, drainAllow, sandboxLimits);
    }

    public FerryConfig withSshPort(int port) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, port, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, appLimits, authFailureLimits, instanceNetwork, drainAllow, sandboxLimits);
    }

    public FerryConfig withTunnelPort(int port) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, sshPort, port, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, appLimits, authFailureLimits, instanceNetwork, drainAllow, sandboxLimits);
    }

    public FerryConfig withApiPort(int port) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, port, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, appLimits, authFailureLimits, instanceNetwork, drainAllow, sandboxLimits);
    }

    public FerryConfig withBuildLimits(int builds, Duration timeout) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, builds, timeout, appLimits, authFailureLimits, instanceNetwork, drainAllow, sandboxLimits);
    }

    /** This config letting log drains send to these {@code HOST:PORT}s too, loopback or private as they may be. */
    public FerryConfig withDrainAllow(List<String> entries) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, appLimits, authFailureLimits, instanceNetwork, entries, sandboxLimits);
    }

    /** This config with instances' networks isolated as {@code mode} says. */
    public FerryConfig withInstanceNetwork(NetworkMode mode) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, appLimits, authFailureLimits, mode, drainAllow, sandboxLimits);
    }

    public FerryConfig withMaxPushBytes(long bytes) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, bytes, maxBuilds, buildTimeout, appLimits, authFailureLimits, instanceNetwork, drainAllow, sandboxLimits);
    }

    public FerryConfig withAppLimits(AppLimits limits) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, limits, authFailureLimits, instanceNetwork, drainAllow, sandboxLimits);
    }

    public FerryConfig withSandboxLimits(SandboxLimits limits) {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, maxPushBytes, maxBuilds, buildTimeout, appLimits, authFailureLimits,
                instanceNetwork, drainAllow, limits);
    }
}
