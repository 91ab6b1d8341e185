package dev.ferry.server.config;

import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.dns.Rfc2136Config;
import dev.ferry.core.access.AuthFailureLimits;
import dev.ferry.core.store.AppLimits;
import dev.ferry.runtime.sandbox.NetworkMode;
import dev.ferry.store.route.RedisRegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link FerryConfig}, starting from the documented defaults (listed on {@link FerryConfig}): every
 * listener on 127.0.0.1 at its usual port, apps under {@code localhost}, the data in {@code ~/.ferry}. The
 * resolver of {@code ferry up}'s flags and tests set only what they change.
 */
public final class FerryConfigBuilder {

    private String bindAddress = "127.0.0.1";
    private int httpPort = 8080;
    private int httpsPort = 8443;
    private int apiPort = 7070;
    private int sshPort = 2222;
    private int tunnelPort = 7000;
    private String domain = "localhost";
    private Path dataDir = Path.of(System.getProperty("user.home"), ".ferry");
    private int maxConnections = FerryConfig.DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerClient = FerryConfig.DEFAULT_MAX_CONNECTIONS_PER_CLIENT;
    private List<String> trustedProxies = List.of();
    private long maxPushBytes = FerryConfig.DEFAULT_MAX_PUSH_BYTES;
    private long maxSourceBytes = FerryConfig.DEFAULT_MAX_SOURCE_BYTES;
    private int maxBuilds = FerryConfig.DEFAULT_MAX_BUILDS;
    private Duration buildTimeout = FerryConfig.DEFAULT_BUILD_TIMEOUT;
    private AppLimits appLimits = AppLimits.DEFAULT;
    private AuthFailureLimits authFailureLimits = AuthFailureLimits.DEFAULT;
    private NetworkMode instanceNetwork = NetworkMode.AUTO;
    private List<String> drainAllow = List.of();
    private SandboxLimits sandboxLimits = SandboxLimits.DEFAULTS;
    private StoreSettings store = StoreSettings.EMBEDDED;
    private Optional<RedisRegistryConfig> registry = Optional.empty();
    private AddonSettings addons = AddonSettings.NONE;
    private RuntimeSettings runtime = RuntimeSettings.LOCAL;
    private Optional<AcmeConfig> acme = Optional.empty();
    private Optional<Rfc2136Config> acmeDns = Optional.empty();
    private boolean ocspStapling = true;

    FerryConfigBuilder() {
    }

    public FerryConfigBuilder bindAddress(String v) { bindAddress = v; return this; }
    public FerryConfigBuilder httpPort(int v) { httpPort = v; return this; }
    public FerryConfigBuilder httpsPort(int v) { httpsPort = v; return this; }
    public FerryConfigBuilder apiPort(int v) { apiPort = v; return this; }
    public FerryConfigBuilder sshPort(int v) { sshPort = v; return this; }
    public FerryConfigBuilder tunnelPort(int v) { tunnelPort = v; return this; }
    public FerryConfigBuilder domain(String v) { domain = v; return this; }
    public FerryConfigBuilder dataDir(Path v) { dataDir = v; return this; }
    public FerryConfigBuilder maxConnections(int v) { maxConnections = v; return this; }
    public FerryConfigBuilder maxConnectionsPerClient(int v) { maxConnectionsPerClient = v; return this; }
    public FerryConfigBuilder trustedProxies(List<String> v) { trustedProxies = v; return this; }
    public FerryConfigBuilder maxPushBytes(long v) { maxPushBytes = v; return this; }
    public FerryConfigBuilder maxSourceBytes(long v) { maxSourceBytes = v; return this; }
    public FerryConfigBuilder maxBuilds(int v) { maxBuilds = v; return this; }
    public FerryConfigBuilder buildTimeout(Duration v) { buildTimeout = v; return this; }
    public FerryConfigBuilder appLimits(AppLimits v) { appLimits = v; return this; }
    public FerryConfigBuilder authFailureLimits(AuthFailureLimits v) { authFailureLimits = v; return this; }
    public FerryConfigBuilder instanceNetwork(NetworkMode v) { instanceNetwork = v; return this; }
    public FerryConfigBuilder drainAllow(List<String> v) { drainAllow = v; return this; }
    public FerryConfigBuilder sandboxLimits(SandboxLimits v) { sandboxLimits = v; return this; }
    public FerryConfigBuilder store(StoreSettings v) { store = v; return this; }
    public FerryConfigBuilder registry(Optional<RedisRegistryConfig> v) { registry = v; return this; }
    public FerryConfigBuilder addons(AddonSettings v) { addons = v; return this; }
    public FerryConfigBuilder runtime(RuntimeSettings v) { runtime = v; return this; }
    public FerryConfigBuilder acme(Optional<AcmeConfig> v) { acme = v; return this; }
    public FerryConfigBuilder acmeDns(Optional<Rfc2136Config> v) { acmeDns = v; return this; }
    public FerryConfigBuilder ocspStapling(boolean v) { ocspStapling = v; return this; }

    /** @throws IllegalArgumentException naming what is wrong, e.g. two listeners on one port */
    public FerryConfig build() {
        return new FerryConfig(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir,
                maxConnections, maxConnectionsPerClient, trustedProxies, maxPushBytes, maxSourceBytes, maxBuilds, buildTimeout,
                appLimits, authFailureLimits, instanceNetwork, drainAllow, sandboxLimits, store, registry, addons, runtime, acme,
                acmeDns, ocspStapling);
    }
}
