package dev.ferry.server.config;

import dev.ferry.addons.AddonServerUrl;
import dev.ferry.control.acme.AcmeChallenge;
import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.core.access.AuthFailureLimits;
import dev.ferry.core.store.AppLimits;
import dev.ferry.runtime.logs.drain.DrainAddressPolicy;
import dev.ferry.runtime.sandbox.NetworkMode;
import dev.ferry.store.postgres.PostgresLocation;
import dev.ferry.store.s3.S3Location;
import dev.ferry.store.s3.S3Settings;
import dev.ferry.store.sql.ConfigKey;
import dev.ferry.store.route.RedisRegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a {@link FerryConfig} in one place: for each setting a flag given on the command line wins, then its
 * environment variable, then the default of {@link FerryConfigBuilder}. Each setting is read by one line of
 * {@link #resolve}, naming its flag and its variable ({@code --http-port} and {@code FERRY_HTTP_PORT}, and so on
 * for every flag of {@code ferry up}); a value that cannot be used is refused naming where it came from, e.g.
 * {@code FERRY_MAX_PUSH_SIZE='lots' is not a size such as 512m, 1g, 100k or a number of bytes}. A secret
 * ({@code FERRY_SECRET_KEY}, the store's shared key) is read from the environment alone, where other users cannot
 * see it as they can a command line, and is never repeated in an error.
 */
public final class FerryConfigResolver {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smh])");

    private final Map<String, String> env;
    private final Path home;

    public FerryConfigResolver(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /**
     * @param flags the flags given on the command line by their long name ({@code --http-port} → {@code 8080});
     *     flags not given are absent
     * @throws IllegalArgumentException naming the flag or variable when a value is invalid
     */
    public FerryConfig resolve(Map<String, String> flags) {
        Source s = new Source(flags);
        FerryConfigBuilder b = FerryConfig.builder();
        s.get("--bind", "FERRY_BIND_ADDRESS", String::strip).ifSet(b::bindAddress);
        s.get("--http-port", "FERRY_HTTP_PORT", FerryConfigResolver::port).ifSet(b::httpPort);
        s.get("--https-port", "FERRY_HTTPS_PORT", FerryConfigResolver::port).ifSet(b::httpsPort);
        s.get("--api-port", "FERRY_API_PORT", FerryConfigResolver::port).ifSet(b::apiPort);
        s.get("--ssh-port", "FERRY_SSH_PORT", FerryConfigResolver::port).ifSet(b::sshPort);
        s.get("--tunnel-port", "FERRY_TUNNEL_PORT", FerryConfigResolver::port).ifSet(b::tunnelPort);
        s.get("--domain", "FERRY_DOMAIN", String::strip).ifSet(b::domain);
        Path dataDir = s.get("--data-dir", "FERRY_DATA_DIR", this::dataDir).or(home.resolve(".ferry"));
        b.dataDir(dataDir);
        s.get("--max-connections", "FERRY_MAX_CONNECTIONS", FerryConfigResolver::count).ifSet(b::maxConnections);
        s.get("--max-connections-per-client", "FERRY_MAX_CONNECTIONS_PER_CLIENT", FerryConfigResolver::count)
                .ifSet(b::maxConnectionsPerClient);
        s.get("--trusted-proxies", "FERRY_TRUSTED_PROXIES", FerryConfigResolver::list).ifSet(b::trustedProxies);
        s.get("--ocsp-stapling", "FERRY_OCSP_STAPLING", FerryConfigResolver::onOff).ifSet(b::ocspStapling);
        s.get("--max-push-size", "FERRY_MAX_PUSH_SIZE", ByteSize::parse).ifSet(b::maxPushBytes);
        s.get("--max-source-size", "FERRY_MAX_SOURCE_SIZE", ByteSize::parse).ifSet(b::maxSourceBytes);
        s.get("--max-builds", "FERRY_MAX_BUILDS", FerryConfigResolver::count).ifSet(b::maxBuilds);
        s.get("--build-timeout", "FERRY_BUILD_TIMEOUT", FerryConfigResolver::duration).ifSet(b::buildTimeout);
        b.appLimits(new AppLimits(
                s.get("--max-config-vars", "FERRY_MAX_CONFIG_VARS", FerryConfigResolver::count)
                        .or(AppLimits.DEFAULT_MAX_CONFIG_VARS),
                s.get("--max-config-size", "FERRY_MAX_CONFIG_SIZE", FerryConfigResolver::configBytes)
                        .or(AppLimits.DEFAULT_MAX_CONFIG_BYTES),
                s.get("--max-domains", "FERRY_MAX_DOMAINS", FerryConfigResolver::count).or(AppLimits.DEFAULT_MAX_DOMAINS),
                s.get("--max-drains", "FERRY_MAX_DRAINS", FerryConfigResolver::count).or(AppLimits.DEFAULT_MAX_DRAINS)));
        b.authFailureLimits(new AuthFailureLimits(
                s.get("--auth-max-failures", "FERRY_AUTH_MAX_FAILURES", FerryConfigResolver::count)
                        .or(AuthFailureLimits.DEFAULT_MAX_FAILURES),
                s.get("--auth-failure-window", "FERRY_AUTH_FAILURE_WINDOW", FerryConfigResolver::duration)
                        .or(AuthFailureLimits.DEFAULT_WINDOW)));
        s.get("--instance-network", "FERRY_INSTANCE_NETWORK", FerryConfigResolver::networkMode)
                .ifSet(b::instanceNetwork);
        s.get("--drain-allow", "FERRY_DRAIN_ALLOW", FerryConfigResolver::drainAllow).ifSet(b::drainAllow);
        SandboxLimits d = SandboxLimits.DEFAULTS;
        b.sandboxLimits(new SandboxLimits(
                s.get("--pids-limit", "FERRY_PIDS_LIMIT", FerryConfigResolver::count).or(d.pids()),
                s.get("--pids-limit-per-type", "FERRY_PIDS_LIMIT_PER_TYPE", SandboxLimits::parsePerType)
                        .or(d.pidsByType()),
                s.get("--tmp-size", "FERRY_TMP_SIZE", ByteSize::parse).or(d.tmpBytes()),
                s.get("--app-disk-limit", "FERRY_APP_DISK_LIMIT", ByteSize::parse).or(d.appDiskBytes()),
                s.get("--build-memory", "FERRY_BUILD_MEMORY", ByteSize::parse).or(d.buildMemoryBytes()),
                s.get("--build-pids-limit", "FERRY_BUILD_PIDS_LIMIT", FerryConfigResolver::count).or(d.buildPids())));
        b.store(new StoreSettings(s.get("--store", "FERRY_STORE", this::postgres).optional(),
                s.get("--secret-key-file", "FERRY_SECRET_KEY_FILE", v -> ConfigKey.file(dataDir(v)))
                        .orElse(() -> s.secret("FERRY_SECRET_KEY", v -> ConfigKey.base64(v, "FERRY_SECRET_KEY")))
                        .optional(),
                s.get("--slug-store", "FERRY_SLUG_STORE", v -> S3Settings.fromEnvironment(S3Location.parse(v), env))
                        .optional()));
        s.get("--registry", "FERRY_REGISTRY", FerryConfigResolver::redis).ifSet(r -> b.registry(Optional.of(r)));
        b.addons(new AddonSettings(
                s.get("--addons", "FERRY_ADDONS", AddonSettings::parseMode).or(false),
                s.get("--addons-postgres", "FERRY_ADDONS_POSTGRES",
                        v -> AddonServerUrl.parse(v, env.get("FERRY_ADDONS_POSTGRES_PASSWORD"))).optional(),
                s.get("--addons-redis", "FERRY_ADDONS_REDIS",
                        v -> AddonServerUrl.parse(v, env.get("FERRY_ADDONS_REDIS_PASSWORD"))).optional()));
        b.runtime(new RuntimeSettings(
                s.get("--runtime", "FERRY_RUNTIME", RuntimeSettings::parseKind).or(RuntimeSettings.Kind.LOCAL),
                s.get("--namespace-prefix", "FERRY_NAMESPACE_PREFIX", String::strip)
                        .or(RuntimeSettings.LOCAL.namespacePrefix()),
                s.get("--stack-image", "FERRY_STACK_IMAGE", RuntimeSettings::parseStackImages).or(Map.of()),
                s.get("--control-url", "FERRY_CONTROL_URL", String::strip).optional(),
                Optional.empty()));
        b.acme(acme(s, dataDir));
        b.acmeDns(AcmeDnsFlags.settings(s.get("--acme-dns-provider", "FERRY_ACME_DNS_PROVIDER", AcmeDnsFlags::provider)
                        .optional(), s.get("--acme-dns-server", "FERRY_ACME_DNS_SERVER", AcmeDnsFlags::server).optional(),
                s.get("--acme-dns-zone", "FERRY_ACME_DNS_ZONE", AcmeDnsFlags::zone).optional(),
                s.get("--acme-dns-tsig-file", "FERRY_ACME_DNS_TSIG_FILE", v -> AcmeDnsFlags.tsig(dataDir(v))).optional(),
                s.get("--domain", "FERRY_DOMAIN", String::strip).or("localhost")));
        return b.build();
    }

    /** ACME's settings from their flags ({@link AcmeFlags} says how they combine). */
    private Optional<AcmeConfig> acme(Source s, Path dataDir) {
        return AcmeFlags.settings(s.get("--acme-email", "FERRY_ACME_EMAIL", AcmeFlags::email).optional(),
                s.get("--acme-directory", "FERRY_ACME_DIRECTORY", AcmeFlags::directory).optional(),
                s.get("--acme-staging", "FERRY_ACME_STAGING", AcmeFlags::bool).or(false),
                s.get("--acme-trust-ca", "FERRY_ACME_TRUST_CA", v -> AcmeConfig.trustedCa(dataDir(v)))
                        .orElse(() -> s.get("--acme-ca-cert", "FERRY_ACME_CA_CERT", v -> AcmeConfig.trustedCa(dataDir(v))))
                        .optional(),
                s.get("--acme-renew-remaining", "FERRY_ACME_RENEW_REMAINING", AcmeFlags::part)
                        .or(AcmeConfig.DEFAULT_RENEW_WHEN_REMAINING),
                s.get("--acme-challenge", "FERRY_ACME_CHALLENGE", AcmeChallenge::of).optional(),
                s.get("--dns-resolver", "FERRY_DNS_RESOLVER", AcmeFlags::dnsResolver).optional(),
                s.get("--public-address", "FERRY_PUBLIC_ADDRESS", AcmeFlags::publicAddresses).or(List.of()), dataDir);
    }

    /** Where the values come from: the given flags, else the environment. */
    private final class Source {
        private final Map<String, String> flags;

        Source(Map<String, String> flags) {
            this.flags = flags;
        }

        /** The setting of {@code flag}, else of {@code variable}, read by {@code parse}; unset when neither has one. */
        <T> Value<T> get(String flag, String variable, Function<String, T> parse) {
            String name = flag;
            String raw = flags.get(flag);
            if (raw == null) {
                name = variable;
                raw = env.get(variable);
                if (raw == null || raw.isBlank()) {
                    return new Value<>(null);
                }
            }
            try {
                return new Value<>(parse.apply(raw.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + "='" + raw + "' " + e.getMessage(), e);
            }
        }

        /** The setting of {@code variable} alone (a secret has no flag, which others could read), never shown in errors. */
        <T> Value<T> secret(String variable, Function<String, T> parse) {
            String raw = env.get(variable);
            if (raw == null || raw.isBlank()) {
                return new Value<>(null);
            }
            try {
                return new Value<>(parse.apply(raw.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(variable + " " + e.getMessage(), e);
            }
        }
    }

    /** One resolved setting, or none. */
    private record Value<T>(T value) {
        void ifSet(java.util.function.Consumer<T> to) {
            if (value != null) {
                to.accept(value);
            }
        }

        T or(T fallback) {
            return value != null ? value : fallback;
        }

        Value<T> orElse(java.util.function.Supplier<Value<T>> fallback) {
            return value != null ? this : fallback.get();
        }

        Optional<T> optional() {
            return Optional.ofNullable(value);
        }
    }

    /** A {@code postgres://} URL, its password from the URL or the environment. */
    private PostgresLocation postgres(String value) {
        return PostgresLocation.parse(value, env);
    }

    /** A {@code redis://HOST:PORT} address of the shared route registry. */
    private static RedisRegistryConfig redis(String value) {
        try {
            return RedisRegistryConfig.of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a Redis address such as redis://HOST:PORT");
        }
    }

    private Path dataDir(String value) {
        return value.startsWith("~/") ? home.resolve(value.substring(2)) : Path.of(value);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("is not a port number (0-65535; 0 turns it off)");
    }

    private static int count(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("is not a whole number of at least 1");
    }

    private static int configBytes(String value) {
        long bytes = ByteSize.parse(value);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("is over the largest config size, 2g");
        }
        return (int) bytes;
    }

    /** A time such as {@code 15m}, {@code 90s} or {@code 1h}. */
    private static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw new IllegalArgumentException("is not a time such as 90s, 15m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** {@code on} or {@code off}. */
    private static boolean onOff(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("is not on or off");
        };
    }

    /** {@code auto}, {@code pasta} or {@code shared}. */
    private static NetworkMode networkMode(String value) {
        try {
            return NetworkMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not auto, pasta or shared");
        }
    }

    /** A comma-separated list such as {@code 10.0.0.0/8,192.0.2.7}. */
    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    /** A list of {@code HOST:PORT}s such as {@code logs.internal:514,127.0.0.1:5514}. */
    private static List<String> drainAllow(String value) {
        List<String> entries = list(value);
        try {
            DrainAddressPolicy.allowing(entries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(": " + e.getMessage());
        }
        return entries;
    }
}
