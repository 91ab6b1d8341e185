package dev.ferry.server.config;

import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.dns.Rfc2136Config;
import dev.ferry.core.access.AuthFailureLimits;
import dev.ferry.core.route.HostName;
import dev.ferry.router.handler.TrustedProxies;
import dev.ferry.core.store.AppLimits;
import dev.ferry.runtime.logs.drain.DrainAddressPolicy;
import dev.ferry.runtime.sandbox.NetworkMode;
import dev.ferry.store.route.RedisRegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration of a single-node Ferry ({@code ferry up}), resolved once at start by
 * {@link FerryConfigResolver} from flags, then environment variables, then these defaults (those of
 * {@link FerryConfigBuilder}, which tests and the resolver build it with):
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>bindAddress</td><td>127.0.0.1 (use 0.0.0.0 to serve other machines)</td></tr>
 *   <tr><td>httpPort</td><td>8080, app traffic through the router</td></tr>
 *   <tr><td>httpsPort</td><td>8443, HTTPS with certificates by SNI (0 turns it off)</td></tr>
 *   <tr><td>apiPort</td><td>7070, control API, metrics</td></tr>
 *   <tr><td>sshPort</td><td>2222, git over SSH</td></tr>
 *   <tr><td>tunnelPort</td><td>7000, reserved for the tunnel gateway</td></tr>
 *   <tr><td>domain</td><td>localhost, so {@code http://hello.localhost:8080} needs no DNS</td></tr>
 *   <tr><td>dataDir</td><td>~/.ferry</td></tr>
 *   <tr><td>maxConnections</td><td>20000 client connections open at once in all (beyond: 503)</td></tr>
 *   <tr><td>maxConnectionsPerClient</td><td>1000 from one client address (beyond: its oldest idle connection is closed, or 503)</td></tr>
 *   <tr><td>trustedProxies</td><td>none: addresses or CIDR blocks of load balancers in front of the router, whose
 *   {@code X-Forwarded-For} and {@code Forwarded} are kept and which have no per-client connection cap</td></tr>
 *   <tr><td>maxPushBytes</td><td>512 MiB, the largest pack one {@code git push} may send (beyond: refused)</td></tr>
 *   <tr><td>maxSourceBytes</td><td>512 MiB, the most the files of a pushed commit may hold once checked out (beyond: the build fails)</td></tr>
 *   <tr><td>maxBuilds</td><td>2 builds of different apps at once (one per app always; more wait in the queue)</td></tr>
 *   <tr><td>buildTimeout</td><td>15 min, the longest one build may run (beyond: it fails)</td></tr>
 *   <tr><td>appLimits</td><td>per app: 500 config vars, 32 KiB of config, 100 custom domains, 10 drains
 *   ({@link AppLimits#DEFAULT}; beyond: 422)</td></tr>
 *   <tr><td>authFailureLimits</td><td>20 failed authentications per client address per 60 s, then that address is
 *   refused for 60 s (API and git over HTTP: 429 with Retry-After)</td></tr>
 *   <tr><td>instanceNetwork</td><td>AUTO: each instance in its own network namespace when pasta works here</td></tr>
 *   <tr><td>drainAllow</td><td>none: log drains send only to public addresses, except to these {@code HOST:PORT}s</td></tr>
 *   <tr><td>sandboxLimits</td><td>{@link SandboxLimits#DEFAULTS}: pids, {@code /tmp} and {@code /app} of instances, memory and pids of builds</td></tr>
 *   <tr><td>addons</td><td>{@link AddonSettings#NONE}: no add-on server, {@code addons:create} refused</td></tr>
 *   <tr><td>store</td><td>{@link StoreSettings#EMBEDDED}: SQLite in the data dir, its key in {@code secret.key} there</td></tr>
 *   <tr><td>registry</td><td>empty: the route registry journaled in the data dir; with {@code --registry redis://…},
 *   the Redis registry that every router, gateway and control node of a fleet shares</td></tr>
 *   <tr><td>runtime</td><td>{@link RuntimeSettings#LOCAL}: instances as local processes; {@code --runtime kubernetes}
 *   runs them on Kubernetes</td></tr>
 *   <tr><td>acme</td><td>empty: no certificates over ACME; on with {@code --acme-email} or {@code --acme-directory}
 *   ({@link AcmeConfig}: Let's Encrypt's production directory unless named, renewal with a third of the lifetime
 *   left)</td></tr>
 *   <tr><td>ocspStapling</td><td>true: the HTTPS listener staples the OCSP responses of certificates that name a
 *   responder; {@code --ocsp-stapling off} staples nothing and asks no responder</td></tr>
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
        List<String> trustedProxies,
        long maxPushBytes,
        long maxSourceBytes,
        int maxBuilds,
        Duration buildTimeout,
        AppLimits appLimits,
        AuthFailureLimits authFailureLimits,
        NetworkMode instanceNetwork,
        List<String> drainAllow,
        SandboxLimits sandboxLimits,
        StoreSettings store,
        Optional<RedisRegistryConfig> registry,
        AddonSettings addons,
        RuntimeSettings runtime,
        Optional<AcmeConfig> acme,
        Optional<Rfc2136Config> acmeDns,
        boolean ocspStapling) {

    public static final long DEFAULT_MAX_PUSH_BYTES = 512L * 1024 * 1024;
    public static final long DEFAULT_MAX_SOURCE_BYTES = 512L * 1024 * 1024;
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
        trustedProxies = List.copyOf(trustedProxies);
        TrustedProxies.parse(trustedProxies);
        if (maxPushBytes < 1 || maxSourceBytes < 1) {
            throw new IllegalArgumentException("the push and source size limits must be at least 1 byte");
        }
        if (maxBuilds < 1) {
            throw new IllegalArgumentException("at least 1 build must be allowed to run at once");
        }
        Objects.requireNonNull(buildTimeout, "buildTimeout");
        if (buildTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the build time limit must be at least 1 s");
        }
        Objects.requireNonNull(appLimits, "appLimits");
        Objects.requireNonNull(authFailureLimits, "authFailureLimits");
        Objects.requireNonNull(instanceNetwork, "instanceNetwork");
        drainAllow = List.copyOf(drainAllow);
        DrainAddressPolicy.allowing(drainAllow);
        Objects.requireNonNull(sandboxLimits, "sandboxLimits");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(addons, "addons");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(acme, "acme");
        Objects.requireNonNull(acmeDns, "acmeDns");
        if (acmeDns.isPresent() && acme.isEmpty()) {
            throw new IllegalArgumentException("--acme-dns-provider gets the wildcard certificate over ACME, but ACME"
                    + " is off: give --acme-email or --acme-directory too");
        }
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

    private static void checkPort(String what, int port) {
        if (port < EPHEMERAL || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is outside 0-65535 (0 turns it off)");
        }
    }

    /** The ports of the listeners this configuration turns on (those given as a number, not off or ephemeral). */
    public Set<Integer> listenerPorts() {
        Set<Integer> ports = new HashSet<>();
        for (int p : new int[] {httpPort, httpsPort, apiPort, sshPort, tunnelPort}) {
            if (p > 0) {
                ports.add(p);
            }
        }
        return ports;
    }

    /** The port to bind for a configured one: {@link #EPHEMERAL} asks the OS for a free port (0). */
    public static int bindPort(int configured) {
        return configured == EPHEMERAL ? 0 : configured;
    }

    /** A builder with every default. */
    public static FerryConfigBuilder builder() {
        return new FerryConfigBuilder();
    }

    /** A builder holding this configuration, to change some of it. */
    public FerryConfigBuilder toBuilder() {
        return new FerryConfigBuilder().bindAddress(bindAddress).httpPort(httpPort).httpsPort(httpsPort)
                .apiPort(apiPort).sshPort(sshPort).tunnelPort(tunnelPort).domain(domain).dataDir(dataDir)
                .maxConnections(maxConnections).maxConnectionsPerClient(maxConnectionsPerClient)
                .trustedProxies(trustedProxies).maxPushBytes(maxPushBytes).maxSourceBytes(maxSourceBytes).maxBuilds(maxBuilds)
                .buildTimeout(buildTimeout).appLimits(appLimits).authFailureLimits(authFailureLimits)
                .instanceNetwork(instanceNetwork).drainAllow(drainAllow).sandboxLimits(sandboxLimits)
                .store(store).registry(registry).addons(addons).runtime(runtime).acme(acme)
                .acmeDns(acmeDns).ocspStapling(ocspStapling);
    }

    /** The defaults with another data directory and every listener on an ephemeral loopback port. */
    public static FerryConfig ephemeral(Path dataDir) {
        return builder().dataDir(dataDir).httpPort(EPHEMERAL).httpsPort(OFF).apiPort(EPHEMERAL).sshPort(OFF)
                .tunnelPort(OFF).build();
    }

    public FerryConfig withHttpPort(int port) {
        return toBuilder().httpPort(port).build();
    }

    public FerryConfig withSshPort(int port) {
        return toBuilder().sshPort(port).build();
    }

    public FerryConfig withTunnelPort(int port) {
        return toBuilder().tunnelPort(port).build();
    }

    public FerryConfig withApiPort(int port) {
        return toBuilder().apiPort(port).build();
    }

    public FerryConfig withBuildLimits(int builds, Duration timeout) {
        return toBuilder().maxBuilds(builds).buildTimeout(timeout).build();
    }

    /** This config letting log drains send to these {@code HOST:PORT}s too, loopback or private as they may be. */
    public FerryConfig withDrainAllow(List<String> entries) {
        return toBuilder().drainAllow(entries).build();
    }

    /** This config with instances' networks isolated as {@code mode} says. */
    public FerryConfig withInstanceNetwork(NetworkMode mode) {
        return toBuilder().instanceNetwork(mode).build();
    }

    public FerryConfig withMaxPushBytes(long bytes) {
        return toBuilder().maxPushBytes(bytes).build();
    }

    public FerryConfig withAppLimits(AppLimits limits) {
        return toBuilder().appLimits(limits).build();
    }

    public FerryConfig withAuthFailureLimits(AuthFailureLimits limits) {
        return toBuilder().authFailureLimits(limits).build();
    }

    /** This config running apps' instances as {@code runtime} says. */
    public FerryConfig withRuntime(RuntimeSettings runtime) {
        return toBuilder().runtime(runtime).build();
    }

    public FerryConfig withSandboxLimits(SandboxLimits limits) {
        return toBuilder().sandboxLimits(limits).build();
    }
}
