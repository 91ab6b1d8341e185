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
        FerryConfig c = new FerryConfigResolver(Map.of(), HOME).resolve(Map.of());
        assertThat(c).isEqualTo(new FerryConfig("127.0.0.1", 8080, 8443, 7070, 2222, 7000, "localhost", HOME.resolve(".ferry"),
                20_000, 1_000, java.util.List.of(), 512L * 1024 * 1024, 512L * 1024 * 1024, 2, java.time.Duration.ofMinutes(15),
                dev.ferry.core.store.AppLimits.DEFAULT, dev.ferry.core.access.AuthFailureLimits.DEFAULT,
                dev.ferry.runtime.sandbox.NetworkMode.AUTO, java.util.List.of(), SandboxLimits.DEFAULTS, StoreSettings.EMBEDDED,
                java.util.Optional.empty(),
                AddonSettings.NONE, RuntimeSettings.LOCAL, java.util.Optional.empty(), java.util.Optional.empty(), true));
    }

    @Test
    void readsTheKubernetesRuntimeFromFlagsAndEnvironment() {
        FerryConfig c = new FerryConfigResolver(Map.of("FERRY_NAMESPACE_PREFIX", "apps-",
                "FERRY_CONTROL_URL", "http://ferry-control.ferry:7070"), HOME)
                .resolve(Map.of("--runtime", "kubernetes", "--stack-image", "node=node:22-bookworm-slim, go=gcr.io/distroless/base"));

        assertThat(c.runtime().kind()).isEqualTo(RuntimeSettings.Kind.KUBERNETES);
        assertThat(c.runtime().namespacePrefix()).isEqualTo("apps-");
        assertThat(c.runtime().stackImages()).containsExactlyInAnyOrderEntriesOf(
                Map.of("node", "node:22-bookworm-slim", "go", "gcr.io/distroless/base"));
        assertThat(c.runtime().controlUrl()).hasValue("http://ferry-control.ferry:7070");
    }

    @Test
    void refusesAnUnknownRuntimeABadStackImageListAndABadPrefix() {
        var resolver = new FerryConfigResolver(Map.of(), HOME);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.resolve(Map.of("--runtime", "nomad")))
                .hasMessage("--runtime='nomad' must be local (processes on this machine) or kubernetes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.resolve(Map.of("--stack-image", "node")))
                .hasMessageContaining("--stack-image='node' is not a list of BUILDPACK=IMAGE");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.resolve(Map.of("--namespace-prefix", "Bad_")))
                .hasMessageContaining("the namespace prefix 'Bad_' must be");
    }

    @Test
    void readsTheAddonServersWithTheirPasswordsFromTheEnvironment() {
        FerryConfig c = new FerryConfigResolver(Map.of("FERRY_ADDONS_POSTGRES_PASSWORD", "pg-secret",
                "FERRY_ADDONS_REDIS", "redis://cache.internal:6380"), HOME)
                .resolve(Map.of("--addons", "local", "--addons-postgres", "postgres://admin@db.internal:5433/"));

        assertThat(c.addons().local()).isTrue();
        assertThat(c.addons().postgres().orElseThrow().password()).contains("pg-secret");
        assertThat(c.addons().postgres().orElseThrow().hostAndPort()).isEqualTo("db.internal:5433");
        assertThat(c.addons().postgres().orElseThrow().toString()).doesNotContain("pg-secret");
        assertThat(c.addons().redis().orElseThrow().hostAndPort()).isEqualTo("cache.internal:6380");
    }

    @Test
    void refusesAnUnknownAddonsModeAndAUrlOfTheWrongKind() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of(), HOME);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.resolve(Map.of("--addons", "remote")))
                .hasMessageContaining("--addons='remote' must be local");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.resolve(Map.of("--addons-postgres",
                "redis://127.0.0.1:6379"))).hasMessageContaining("--addons-postgres needs a postgres:// URL");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.resolve(Map.of("--addons-redis",
                "mysql://127.0.0.1"))).hasMessageContaining("starts with postgres:// or redis://");
    }

    @Test
    void selectsPostgresWithItsPasswordAndTheSharedKeyFromFlagsOrTheEnvironment() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_SECRET_KEY", key, "PGPASSWORD", "pw"), HOME);

        StoreSettings store = resolver.resolve(Map.of("--store", "postgres://ferry@db:5432/ferry")).store();

        assertThat(store.postgres()).contains(new dev.ferry.store.postgres.PostgresLocation("db", 5432, "ferry", "ferry",
                java.util.Optional.of("pw")));
        assertThat(store.key()).contains(dev.ferry.store.sql.ConfigKey.base64(key, "FERRY_SECRET_KEY"));
        StoreSettings fromFile = resolver.resolve(Map.of("--store", "postgres://ferry@db/ferry",
                "--secret-key-file", "~/fleet.key")).store();
        assertThat(fromFile.key()).contains(dev.ferry.store.sql.ConfigKey.file(HOME.resolve("fleet.key")));
        assertThat(new FerryConfigResolver(Map.of("FERRY_STORE", "postgres://ferry@db/ferry",
                "FERRY_SECRET_KEY_FILE", "/etc/ferry/key"), HOME).resolve(Map.of()).store().postgres()).isPresent();
    }

    @Test
    void readsTheSlugStoreFromTheFlagOrTheEnvironmentWithItsEndpointAndKeysFromAwsVariables() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9000", "AWS_ACCESS_KEY_ID", "AKID",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_REGION", "eu-west-3");

        var slugs = new FerryConfigResolver(env, HOME).resolve(Map.of("--slug-store", "s3://ferry-slugs/prod"))
                .store().slugs().orElseThrow();

        assertThat(slugs.location()).isEqualTo(new dev.ferry.store.s3.S3Location("ferry-slugs", "prod"));
        assertThat(slugs.endpoint()).contains(java.net.URI.create("http://127.0.0.1:9000"));
        assertThat(slugs.region()).isEqualTo("eu-west-3");
        assertThat(slugs.accessKeyId()).isEqualTo("AKID");
        Map<String, String> viaEnv = new java.util.HashMap<>(env);
        viaEnv.put("FERRY_SLUG_STORE", "s3://other-bucket");
        assertThat(new FerryConfigResolver(viaEnv, HOME).resolve(Map.of()).store().slugs().orElseThrow().location())
                .isEqualTo(new dev.ferry.store.s3.S3Location("other-bucket", ""));
        assertThat(new FerryConfigResolver(env, HOME).resolve(Map.of()).store().slugs()).isEmpty();
    }

    @Test
    void refusesASlugStoreThatIsNoS3LocationOrHasNoKeys() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of(), HOME).resolve(Map.of("--slug-store", "s3://b-1/p")))
                .hasMessage("--slug-store='s3://b-1/p' needs the bucket's credentials in the environment:"
                        + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of(), HOME).resolve(Map.of("--slug-store", "/var/slugs")))
                .hasMessage("--slug-store='/var/slugs' is not an S3 location such as s3://my-bucket/ferry");
    }

    @Test
    void refusesPostgresWithoutASharedKeyAndKeysOrUrlsThatCannotBeUsed() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of(), HOME);

        assertThatThrownBy(() -> resolver.resolve(Map.of("--store", "postgres://ferry@db/ferry")))
                .hasMessageStartingWith("--store postgres://ferry@db:5432/ferry needs the key that every control node shares")
                .hasMessageContaining("--secret-key-file PATH").hasMessageContaining("FERRY_SECRET_KEY");
        assertThatThrownBy(() -> resolver.resolve(Map.of("--store", "mysql://db/ferry")))
                .hasMessageStartingWith("--store='mysql://db/ferry' is not a PostgreSQL URL");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_SECRET_KEY", "c2hvcnQ="), HOME).resolve(Map.of()))
                .hasMessageStartingWith("FERRY_SECRET_KEY holds 5 bytes; a key has 32").message().doesNotContain("c2hvcnQ");
        assertThat(resolver.resolve(Map.of()).store()).isEqualTo(StoreSettings.EMBEDDED);
    }

    @Test
    void readsTheSharedRegistryFromTheFlagOrTheEnvironmentAndRefusesWhatIsNoRedisAddress() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_REGISTRY", "redis://cache:6380"), HOME);

        assertThat(resolver.resolve(Map.of()).registry().map(r -> r.uri())).contains("redis://cache:6380");
        assertThat(resolver.resolve(Map.of("--registry", "redis://10.1.2.3:6379")).registry()
                .map(r -> r.uri())).contains("redis://10.1.2.3:6379");
        assertThat(new FerryConfigResolver(Map.of(), HOME).resolve(Map.of()).registry()).isEmpty();
        assertThatThrownBy(() -> resolver.resolve(Map.of("--registry", "http://cache:6379")))
                .hasMessage("--registry='http://cache:6379' is not a Redis address such as redis://HOST:PORT");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_REGISTRY", "cache"), HOME).resolve(Map.of()))
                .hasMessage("FERRY_REGISTRY='cache' is not a Redis address such as redis://HOST:PORT");
    }

    @Test
    void readsTheDrainAllowListFromTheFlagOrTheEnvironmentAndRefusesBadEntries() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_DRAIN_ALLOW", "logs.internal:514, [::1]:6514"), HOME);
        assertThat(resolver.resolve(Map.of()).drainAllow())
                .containsExactly("logs.internal:514", "[::1]:6514");
        assertThat(resolver.resolve(Map.of("--drain-allow", "127.0.0.1:5514")).drainAllow()).containsExactly("127.0.0.1:5514");
        assertThatThrownBy(() -> resolver.resolve(Map.of("--drain-allow", "127.0.0.1"))).hasMessageContaining("--drain-allow")
                .hasMessageContaining("must be HOST:PORT");
    }

    @Test
    void readsTheInstanceNetworkModeFromTheFlagOrTheEnvironment() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_INSTANCE_NETWORK", "shared"), HOME);
        assertThat(resolver.resolve(Map.of()).instanceNetwork())
                .isEqualTo(dev.ferry.runtime.sandbox.NetworkMode.SHARED);
        assertThat(resolver.resolve(Map.of("--instance-network", "pasta")).instanceNetwork()).isEqualTo(dev.ferry.runtime.sandbox.NetworkMode.PASTA);
        assertThatThrownBy(() -> resolver.resolve(Map.of("--instance-network", "veth"))).hasMessage("--instance-network='veth' is not auto, pasta or shared");
    }

    @Test
    void readsTheBuildLimitsFromFlagsThenEnvironment() {
        FerryConfigResolver resolver = new FerryConfigResolver(
                Map.of("FERRY_MAX_BUILDS", "4", "FERRY_BUILD_TIMEOUT", "90s"), HOME);
        FerryConfig fromEnv = resolver.resolve(Map.of());
        assertThat(fromEnv.maxBuilds()).isEqualTo(4);
        assertThat(fromEnv.buildTimeout()).isEqualTo(java.time.Duration.ofSeconds(90));
        FerryConfig fromFlags = resolver.resolve(Map.of("--max-builds", "1", "--build-timeout", "1h"));
        assertThat(fromFlags.maxBuilds()).isEqualTo(1);
        assertThat(fromFlags.buildTimeout()).isEqualTo(java.time.Duration.ofHours(1));
    }

    @Test
    void readsTheAppLimitsFromFlagsThenEnvironmentWithHerokusConfigSizeByDefault() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_MAX_DOMAINS", "7", "FERRY_MAX_CONFIG_SIZE", "64k"), HOME);
        FerryConfig defaults = new FerryConfigResolver(Map.of(), HOME).resolve(Map.of());
        assertThat(defaults.appLimits()).isEqualTo(new dev.ferry.core.store.AppLimits(500, 32 * 1024, 100, 10));
        FerryConfig c = resolver.resolve(Map.of("--max-config-vars", "20", "--max-drains", "2"));
        assertThat(c.appLimits()).isEqualTo(new dev.ferry.core.store.AppLimits(20, 64 * 1024, 7, 2));
        assertThatThrownBy(() -> resolver.resolve(Map.of("--max-config-size", "lots")))
                .hasMessageStartingWith("--max-config-size='lots'");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_MAX_DRAINS", "-1"), HOME)
                .resolve(Map.of()))
                .hasMessageContaining("FERRY_MAX_DRAINS='-1'");
    }

    @Test
    void refusesBuildLimitsThatAreNotAPositiveCountOrTime() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_BUILD_TIMEOUT", "soon"), HOME)
                .resolve(Map.of()))
                .hasMessage("FERRY_BUILD_TIMEOUT='soon' is not a time such as 90s, 15m or 1h");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of(), HOME).resolve(Map.of("--build-timeout", "0m")))
                .hasMessage("--build-timeout='0m' is not a time such as 90s, 15m or 1h");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_MAX_BUILDS", "0"), HOME)
                .resolve(Map.of()))
                .hasMessageContaining("FERRY_MAX_BUILDS='0'");
    }

    @Test
    void environmentOverridesDefaultsAndFlagsOverrideEnvironment() {
        Map<String, String> env = Map.of("FERRY_HTTP_PORT", "9080", "FERRY_API_PORT", "9070", "FERRY_DOMAIN", "Apps.Example.COM",
                "FERRY_DATA_DIR", "~/ferry-data", "FERRY_TUNNEL_PORT", "0");
        FerryConfig c = new FerryConfigResolver(env, HOME).resolve(
                Map.of("--http-port", "18080", "--max-connections-per-client", "5000"));
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
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_HTTP_PORT", "eighty"), HOME).resolve(Map.of()))
                .hasMessageContaining("FERRY_HTTP_PORT='eighty'");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_API_PORT", "70000"), HOME).resolve(Map.of()))
                .hasMessageContaining("FERRY_API_PORT");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_DOMAIN", "not a domain"), HOME).resolve(Map.of()))
                .hasMessageContaining("not a valid host name");
    }

    @Test
    void refusesAConnectionLimitBelowOne() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_MAX_CONNECTIONS", "0"), HOME).resolve(Map.of()))
                .hasMessageContaining("FERRY_MAX_CONNECTIONS='0'");
    }

    @Test
    void refusesTwoListenersOnOnePort() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_API_PORT", "8080"), HOME).resolve(Map.of()))
                .hasMessageContaining("both 8080");
    }

    @Test
    void readsThePushSizeLimitFromTheFlagOrTheEnvironment() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_MAX_PUSH_SIZE", "1g"), HOME);
        assertThat(resolver.resolve(Map.of()).maxPushBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(resolver.resolve(Map.of("--max-push-size", "100k")).maxPushBytes()).isEqualTo(100 * 1024);
        assertThat(resolver.resolve(Map.of("--max-source-size", "2g")).maxSourceBytes()).isEqualTo(2L << 30);
        assertThat(new FerryConfigResolver(Map.of("FERRY_MAX_PUSH_SIZE", "2048"), HOME)
                .resolve(Map.of()).maxPushBytes()).isEqualTo(2048);
        assertThat(new FerryConfigResolver(Map.of("FERRY_MAX_PUSH_SIZE", "512MiB"), HOME)
                .resolve(Map.of()).maxPushBytes()).isEqualTo(512L * 1024 * 1024);
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_MAX_PUSH_SIZE", "lots"), HOME)
                .resolve(Map.of())).hasMessageContaining("FERRY_MAX_PUSH_SIZE='lots'");
        assertThatThrownBy(() -> resolver.resolve(Map.of("--max-push-size", "0m"))).hasMessageContaining("--max-push-size='0m'");
    }

    @Test
    void readsTheSandboxLimitsFromFlagsThenEnvironmentOverTheDocumentedDefaults() {
        assertThat(new FerryConfigResolver(Map.of(), HOME).resolve(Map.of()).sandboxLimits())
                .isEqualTo(new SandboxLimits(512, Map.of(), 64L << 20, 1L << 30, 1L << 30, 512));
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_PIDS_LIMIT", "256",
                "FERRY_PIDS_LIMIT_PER_TYPE", "worker=2048, clock=16", "FERRY_TMP_SIZE", "32m",
                "FERRY_APP_DISK_LIMIT", "2g", "FERRY_BUILD_MEMORY", "3g", "FERRY_BUILD_PIDS_LIMIT", "1024"), HOME);
        assertThat(resolver.resolve(Map.of()).sandboxLimits())
                .isEqualTo(new SandboxLimits(256, Map.of("worker", 2048, "clock", 16), 32L << 20, 2L << 30, 3L << 30, 1024));
        FerryConfig fromFlags = resolver.resolve(Map.of("--pids-limit", "100", "--pids-limit-per-type", "web=300", "--tmp-size", "1g",
                "--app-disk-limit", "100m", "--build-memory", "512m", "--build-pids-limit", "64"));
        assertThat(fromFlags.sandboxLimits())
                .isEqualTo(new SandboxLimits(100, Map.of("web", 300), 1L << 30, 100L << 20, 512L << 20, 64));
    }

    @Test
    void refusesSandboxLimitsItCannotUseNamingTheFlagOrVariable() {
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of("FERRY_PIDS_LIMIT_PER_TYPE", "worker:12"), HOME)
                .resolve(Map.of()))
                .hasMessage("FERRY_PIDS_LIMIT_PER_TYPE='worker:12' is not a list such as web=1024,worker=256");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of(), HOME).resolve(Map.of("--tmp-size", "lots")))
                .hasMessage("--tmp-size='lots' is not a size such as 512m, 1g, 100k or a number of bytes");
        assertThatThrownBy(() -> new FerryConfigResolver(Map.of(), HOME).resolve(Map.of("--pids-limit", "4")))
                .hasMessage("--pids-limit must be 8 to 4194304 processes, got 4");
    }

    @Test
    void readsTrustedProxiesFromTheFlagOrTheEnvironmentAndRefusesWhatIsNoAddress() {
        FerryConfigResolver resolver = new FerryConfigResolver(Map.of("FERRY_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7"), HOME);
        assertThat(new FerryConfigResolver(Map.of(), HOME).resolve(Map.of()).trustedProxies()).isEmpty();
        assertThat(resolver.resolve(Map.of()).trustedProxies()).containsExactly("10.0.0.0/8", "192.0.2.7");
        assertThat(resolver.resolve(Map.of("--trusted-proxies", "127.0.0.1")).trustedProxies()).containsExactly("127.0.0.1");
        assertThatThrownBy(() -> resolver.resolve(Map.of("--trusted-proxies", "lb.internal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lb.internal");
    }
}
