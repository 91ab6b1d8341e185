package dev.ferry.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FerryConfigResolverTest {

    private static final Path HOME = Path.of("/home/dev");

    @Test
    void usesTheDocumentedDefaults() {
        FerryConfig c = new FerryConfigResolver(Map.of(), HOME).resolve(FerryConfigResolver.Flags.NONE);
        assertThat(c).isEqualTo(new FerryConfig("127.0.0.1", 8080, 8443, 7070, 2222, 7000, "localhost", HOME.resolve(".ferry"),
                20_000, 1_000, 512L * 1024 * 1024, 2, java.time.Duration.ofMinutes(15),
                dev.ferry.core.store.AppLimits.DEFAULT, dev.ferry.core.access.AuthFailureLimits.DEFAULT,
                dev.ferry.runtime.sandbox.NetworkMode.AUTO, java.util.List.of(), SandboxLimits.DEFAULTS));
    }

    @Test
    void readsTheDrainAllowListFromTheFlagOrTheEnvironmentAndRefusesBadEntries() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_DRAIN_ALLOW", "logs.internal:514, [::1]:6514"), HOME);
        assertThat(resolver.resolve(FerryConfigResolver.Flags.NONE).drainAllow())
                .containsExactly("logs.internal:514", "[::1]:6514");
        assertThat(resolver.resolve(new FerryConfigResolver.Flags(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, "127.0.0.1:5514", null)).drainAllow()).containsExactly("127.0.0.1:5514");
        assertThatThrownBy(() -> resolver.resolve(new FerryConfigResolver.Flags(null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, "127.0.0.1", null))).hasMessageContaining("--drain-allow")
                .hasMessageContaining("must be HOST:PORT");
    }

    @Test
    void readsTheInstanceNetworkModeFromTheFlagOrTheEnvironment() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_INSTANCE_NETWORK", "shared"), HOME);
        assertThat(resolver.resolve(FerryConfigResolver.Flags.NONE).instanceNetwork())
                .isEqualTo(dev.ferry.runtime.sandbox.NetworkMode.SHARED);
        assertThat(resolver.resolve(new FerryConfigResolver.Flags(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "pasta", null, null)).instanceNetwork()).isEqualTo(dev.ferry.runtime.sandbox.NetworkMode.PASTA);
        assertThatThrownBy(() -> resolver.resolve(new FerryConfigResolver.Flags(null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, "veth", null, null))).hasMessage("--instance-network='veth' is not auto, pasta or shared");
    }

    @Test
    void readsTheBuildLimitsFromFlagsThenEnvironment() {
        FerryConfigResolver resolver = new FerryConfigResolver(
                Map.of("FERRY_MAX_BUILDS", "4", "FERRY_BUILD_TIMEOUT", "90s"), HOME);
        FerryConfig fromEnv = resolver.resolve(FerryConfigResolver.Flags.NONE);
        assertThat(fromEnv.maxBuilds()).isEqualTo(4);
        assertThat(fromEnv.buildTimeout()).isEqualTo(java.time.Duration.ofSeconds(90));
        FerryConfig fromFlags = resolver.resolve(new FerryConfigResolver.Flags(null, null, null, null, null, null, null,
                null, null, null, null, 1, "1h"));
        assertThat(fromFlags.maxBuilds()).isEqualTo(1);
        assertThat(fromFlags.buildTimeout()).isEqualTo(java.time.Duration.ofHours(1));
    }

    @Test
    void readsTheAppLimitsFromFlagsThenEnvironmentWithHerokusConfigSizeByDefault() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_MAX_DOMAINS", "7", "FERRY_MAX_CONFIG_SIZE", "64k"), HOME);
        FerryConfig defaults = new FerryConfigResolver(Map.of(), HOME).resolve(FerryConfigResolver.Flags.NONE,
                FerryConfigResolver.LimitFlags.NONE);
        assertThat(defaults.appLimits()).isEqualTo(new dev.ferry.core.store.AppLimits(500, 32 * 1024, 100, 10));
        FerryConfig c = resolver.resolve(FerryConfigResolver.Flags.NONE, new FerryConfigResolver.LimitFlags(20, null, null, 2));
        assertThat(c.appLimits()).isEqualTo(new dev.ferry.core.store.AppLimits(20, 64 * 1024, 7, 2));
        assertThatThrownBy(() -> resolver.resolve(FerryConfigResolver.Flags.NONE,
                new FerryConfigResolver.LimitFlags(null, "lots", null, null)))
                .hasMessageStartingWith("--max-config-size='lots'");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_MAX_DRAINS", "-1"), HOME)
                .resolve(FerryConfigResolver.Flags.NONE, FerryConfigResolver.LimitFlags.NONE))
                .hasMessageContaining("FERRY_MAX_DRAINS='-1'");
    }

    @Test
    void refusesBuildLimitsThatAreNotAPositiveCountOrTime() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_BUILD_TIMEOUT", "soon"), HOME)
                .resolve(FerryConfigResolver.Flags.NONE))
                .hasMessage("FERRY_BUILD_TIMEOUT='soon' is not a time such as 90s, 15m or 1h");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of(), HOME).resolve(new FerryConfigResolver.Flags(null,
                null, null, null, null, null, null, null, null, null, null, null, "0m")))
                .hasMessage("--build-timeout='0m' is not a time such as 90s, 15m or 1h");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_MAX_BUILDS", "0"), HOME)
                .resolve(FerryConfigResolver.Flags.NONE))
                .hasMessageContaining("FERRY_MAX_BUILDS='0'");
    }

    @Test
    void environmentOverridesDefaultsAndFlagsOverrideEnvironment() {
        Map<String, String> env = Map.of("FERRY_HTTP_PORT", "9080", "FERRY_API_PORT", "9070", "FERRY_DOMAIN", "Apps.Example.COM",
                "FERRY_DATA_DIR", "~/ferry-data", "FERRY_TUNNEL_PORT", "0");
        FerryConfig c = new FerryConfigResolver(env, HOME).resolve(
                new FerryConfigResolver.Flags(null, 18080, null, null, null, null, null, null, null, 5000, null));
        assertThat(c.httpPort()).isEqualTo(18080);
        assertThat(c.apiPort()).isEqualTo(9070);
        assertThat(c.tunnelPort()).isZero();
        assertThat(c.domain()).isEqualTo("apps.example.com");
        assertThat(c.dataDir()).isEqualTo(HOME.resolve("ferry-data"));
        assertThat(c.maxConnectionsPerClient()).isEqualTo(5000);
        assertThat(c.maxConnections()).isEqualTo(20_000);
    }

    @Test
    void refusesBadValuesNamingTheVariable() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_HTTP_PORT", "eighty"), HOME).resolve(FerryConfigResolver.Flags.NONE))
                .hasMessageContaining("FERRY_HTTP_PORT='eighty'");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_API_PORT", "70000"), HOME).resolve(FerryConfigResolver.Flags.NONE))
                .hasMessageContaining("FERRY_API_PORT");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_DOMAIN", "not a domain"), HOME).resolve(FerryConfigResolver.Flags.NONE))
                .hasMessageContaining("not a valid host name");
    }

    @Test
    void refusesAConnectionLimitBelowOne() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_MAX_CONNECTIONS", "0"), HOME).resolve(FerryConfigResolver.Flags.NONE))
                .hasMessageContaining("FERRY_MAX_CONNECTIONS='0'");
    }

    @Test
    void refusesTwoListenersOnOnePort() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_API_PORT", "8080"), HOME).resolve(FerryConfigResolver.Flags.NONE))
                .hasMessageContaining("both 8080");
    }

    @Test
    void readsThePushSizeLimitFromTheFlagOrTheEnvironment() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_MAX_PUSH_SIZE", "1g"), HOME);
        assertThat(resolver.resolve(FerryConfigResolver.Flags.NONE).maxPushBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(resolver.resolve(new FerryConfigResolver.Flags(null, null, null, null, null, null, null, null, null, null,
                "100k")).maxPushBytes()).isEqualTo(100 * 1024);
        assertThat(new FerryConfigResolver(Map.of("FERRY_MAX_PUSH_SIZE", "2048"), HOME)
                .resolve(FerryConfigResolver.Flags.NONE).maxPushBytes()).isEqualTo(2048);
        assertThat(new FerryConfigResolver(Map.of("FERRY_MAX_PUSH_SIZE", "512MiB"), HOME)
                .resolve(FerryConfigResolver.Flags.NONE).maxPushBytes()).isEqualTo(512L * 1024 * 1024);
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_MAX_PUSH_SIZE", "lots"), HOME)
                .resolve(FerryConfigResolver.Flags.NONE)).hasMessageContaining("FERRY_MAX_PUSH_SIZE='lots'");
        assertThatThrownBy(() -> resolver.resolve(new FerryConfigResolver.Flags(null, null, null, null, null, null, null, null,
                null, null, "0m"))).hasMessageContaining("--max-push-size='0m'");
    }

    @Test
    void readsTheSandboxLimitsFromFlagsThenEnvironmentOverTheDocumentedDefaults() {
        assertThat(new FerryConfigResolver(Map.of(), HOME).resolve(FerryConfigResolver.Flags.NONE).sandboxLimits())
                .isEqualTo(new SandboxLimits(512, Map.of(), 64L << 20, 1L << 30, 1L << 30, 512));
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_PIDS_LIMIT", "256",
                "FERRY_PIDS_LIMIT_PER_TYPE", "worker=2048, clock=16", "FERRY_TMP_SIZE", "32m",
                "FERRY_APP_DISK_LIMIT", "2g", "FERRY_BUILD_MEMORY", "3g", "FERRY_BUILD_PIDS_LIMIT", "1024"), HOME);
        assertThat(resolver.resolve(FerryConfigResolver.Flags.NONE).sandboxLimits())
                .isEqualTo(new SandboxLimits(256, Map.of("worker", 2048, "clock", 16), 32L << 20, 2L << 30, 3L << 30, 1024));
        FerryConfig fromFlags = resolver.resolve(new FerryConfigResolver.Flags(null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, new FerryConfigResolver.SandboxFlags(100, "web=300", "1g", "100m",
                "512m", 64)));
        assertThat(fromFlags.sandboxLimits())
                .isEqualTo(new SandboxLimits(100, Map.of("web", 300), 1L << 30, 100L << 20, 512L << 20, 64));
    }

    @Test
    void refusesSandboxLimitsItCannotUseNamingTheFlagOrVariable() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_PIDS_LIMIT_PER_TYPE", "worker:12"), HOME)
                .resolve(FerryConfigResolver.Flags.NONE))
                .hasMessage("FERRY_PIDS_LIMIT_PER_TYPE='worker:12' is not a list such as web=1024,worker=256");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of(), HOME).resolve(new FerryConfigResolver.Flags(null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new FerryConfigResolver.SandboxFlags(null, null, "lots", null, null, null))))
                .hasMessage("--tmp-size='lots' is not a size such as 512m, 1g, 100k or a number of bytes");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of(), HOME).resolve(new FerryConfigResolver.Flags(null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new FerryConfigResolver.SandboxFlags(4, null, null, null, null, null))))
                .hasMessage("--pids-limit must be 8 to 4194304 processes, got 4");
    }
}
