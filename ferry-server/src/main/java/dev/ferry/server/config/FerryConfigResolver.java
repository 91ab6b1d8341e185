package dev.ferry.server.config;

import dev.ferry.core.access.AuthFailureLimits;
import dev.ferry.core.store.AppLimits;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves a {@link FerryConfig} in one place: a flag given on the command line wins, then the
 * environment variable ({@code FERRY_HTTP_PORT}, {@code FERRY_HTTPS_PORT}, {@code FERRY_API_PORT},
 * {@code FERRY_SSH_PORT}, {@code FERRY_TUNNEL_PORT}, {@code FERRY_DOMAIN}, {@code FERRY_DATA_DIR},
 * {@code FERRY_BIND_ADDRESS}, {@code FERRY_MAX_PUSH_SIZE}, {@code FERRY_MAX_CONFIG_VARS}, {@code FERRY_MAX_CONFIG_SIZE},
 * {@code FERRY_MAX_DOMAINS}, {@code FERRY_MAX_DRAINS}, {@code FERRY_AUTH_MAX_FAILURES},
 * {@code FERRY_AUTH_FAILURE_WINDOW}, {@code FERRY_INSTANCE_NETWORK},
 * {@code FERRY_DRAIN_ALLOW}, and the {@link SandboxLimits}' {@code FERRY_PIDS_LIMIT},
 * {@code FERRY_PIDS_LIMIT_PER_TYPE}, {@code FERRY_TMP_SIZE}, {@code FERRY_APP_DISK_LIMIT}, {@code FERRY_BUILD_MEMORY},
 * {@code FERRY_BUILD_PIDS_LIMIT}), then the default.
 */
public final class FerryConfigResolver {

    private final Map<String, String> env;
    private final Path home;

    public FerryConfigResolver(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /** Flags not given on the command line are {@code null}. */
    public record Flags(String bindAddress, Integer httpPort, Integer httpsPort, Integer apiPort, Integer sshPort,
                        Integer tunnelPort, String domain, Path dataDir, Integer maxConnections,
                        Integer maxConnectionsPerClient, String maxPushSize, Integer maxBuilds, String buildTimeout,
                        Integer authMaxFailures, String authFailureWindow, String instanceNetwork, String drainAllow,
                        SandboxFlags sandbox) {
        public static final Flags NONE = new Flags(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        /** These flags with none of the later flags given, as before those flags existed. */
        public Flags(String bindAddress, Integer httpPort, Integer httpsPort, Integer apiPort, Integer sshPort,
                     Integer tunnelPort, String domain, Path dataDir, Integer maxConnections,
                     Integer maxConnectionsPerClient, String maxPushSize, Integer maxBuilds, String buildTimeout) {
            this(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir, maxConnections,
                    maxConnectionsPerClient, maxPushSize, maxBuilds, buildTimeout, null, null, null, null, null);
        }

        /** These flags with no build limits given, as before those flags existed. */
        public Flags(String bindAddress, Integer httpPort, Integer httpsPort, Integer apiPort, Integer sshPort,
                     Integer tunnelPort, String domain, Path dataDir, Integer maxConnections,
                     Integer maxConnectionsPerClient, String maxPushSize) {
            this(bindAddress, httpPort, httpsPort, apiPort, sshPort, tunnelPort, domain, dataDir, maxConnections,
                    maxConnectionsPerClient, maxPushSize, null, null, null, null, null, null, null);
        }
    }

    /** The per-app limits' flags ({@code --max-config-vars}, {@code --max-config-size}, {@code --max-domains},
     * {@code --max-drains}); {@code null} when not given. */
    public record LimitFlags(Integer maxConfigVars, String maxConfigSize, Integer maxDomains, Integer maxDrains) {
        public static final LimitFlags NONE = new LimitFlags(null, null, null, null);
    }

    /**
     * As {@link #resolve(Flags)}, with the per-app limits.
     *
     * @throws IllegalArgumentException naming the variable or flag when a value is invalid
     */
    public FerryConfig resolve(Flags flags, LimitFlags limits) {
        long configBytes = bytes(limits.maxConfigSize(), "--max-config-size", "FERRY_MAX_CONFIG_SIZE",
                AppLimits.DEFAULT_MAX_CONFIG_BYTES);
        if (configBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the config size limit must be below 2g");
        }
        return resolve(flags).withAppLimits(new AppLimits(
                count(limits.maxConfigVars(), "FERRY_MAX_CONFIG_VARS", AppLimits.DEFAULT_MAX_CONFIG_VARS),
                (int) configBytes,
                count(limits.maxDomains(), "FERRY_MAX_DOMAINS", AppLimits.DEFAULT_MAX_DOMAINS),
                count(limits.maxDrains(), "FERRY_MAX_DRAINS", AppLimits.DEFAULT_MAX_DRAINS)));

    }

    /** The flags of the {@link SandboxLimits}, as given ({@code null} when not). */
    public record SandboxFlags(Integer pidsLimit, String pidsLimitPerType, String tmpSize, String appDiskLimit,
                             String buildMemory, Integer buildPidsLimit) {
        public static final SandboxFlags NONE = new SandboxFlags(null, null, null, null, null, null);
    }

    /**
     * @throws IllegalArgumentException naming the variable or flag when a value is invalid
     */
    public FerryConfig resolve(Flags flags) {
        return new FerryConfig(
                string(flags.bindAddress(), "FERRY_BIND_ADDRESS", "127.0.0.1"),
                port(flags.httpPort(), "FERRY_HTTP_PORT", 8080),
                port(flags.httpsPort(), "FERRY_HTTPS_PORT", 8443),
                port(flags.apiPort(), "FERRY_API_PORT", 7070),
                port(flags.sshPort(), "FERRY_SSH_PORT", 2222),
                port(flags.tunnelPort(), "FERRY_TUNNEL_PORT", 7000),
                string(flags.domain(), "FERRY_DOMAIN", "localhost"),
                flags.dataDir() != null ? flags.dataDir() : dataDir(),
                count(flags.maxConnections(), "FERRY_MAX_CONNECTIONS", FerryConfig.DEFAULT_MAX_CONNECTIONS),
                count(flags.maxConnectionsPerClient(), "FERRY_MAX_CONNECTIONS_PER_CLIENT", FerryConfig.DEFAULT_MAX_CONNECTIONS_PER_CLIENT),
                bytes(flags.maxPushSize(), "--max-push-size", "FERRY_MAX_PUSH_SIZE", FerryConfig.DEFAULT_MAX_PUSH_BYTES),
                count(flags.maxBuilds(), "FERRY_MAX_BUILDS", FerryConfig.DEFAULT_MAX_BUILDS),
                duration(flags.buildTimeout(), "--build-timeout", "FERRY_BUILD_TIMEOUT", FerryConfig.DEFAULT_BUILD_TIMEOUT),
                AppLimits.DEFAULT,
                new AuthFailureLimits(
                        count(flags.authMaxFailures(), "FERRY_AUTH_MAX_FAILURES", AuthFailureLimits.DEFAULT_MAX_FAILURES),
                        duration(flags.authFailureWindow(), "--auth-failure-window", "FERRY_AUTH_FAILURE_WINDOW",
                                AuthFailureLimits.DEFAULT_WINDOW)),
                networkMode(flags.instanceNetwork()),
                list(flags.drainAllow(), "--drain-allow", "FERRY_DRAIN_ALLOW"),
                sandboxLimits(flags.sandbox() == null ? SandboxFlags.NONE : flags.sandbox()));
    }

    /** {@code auto}, {@code pasta} or {@code shared}; the flag wins over the variable. */
    private dev.ferry.runtime.sandbox.NetworkMode networkMode(String flag) {
        String value = flag != null ? flag : env.get("FERRY_INSTANCE_NETWORK");
        if (value == null || value.isBlank()) {
            return dev.ferry.runtime.sandbox.NetworkMode.AUTO;
        }
        try {
            return dev.ferry.runtime.sandbox.NetworkMode.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((flag != null ? "--instance-network" : "FERRY_INSTANCE_NETWORK") + "='"
                    + value + "' is not auto, pasta or shared");
        }
    }

    /** A comma-separated list such as {@code logs.internal:514,127.0.0.1:5514}; the flag wins over the variable. */
    private java.util.List<String> list(String flag, String flagName, String variable) {
        String value = flag != null ? flag : env.get(variable);
        if (value == null || value.isBlank()) {
            return java.util.List.of();
        }
        java.util.List<String> entries = java.util.Arrays.stream(value.split(",")).map(String::strip)
                .filter(e -> !e.isEmpty()).toList();
        try {
            dev.ferry.runtime.logs.drain.DrainAddressPolicy.allowing(entries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((flag != null ? flagName : variable) + ": " + e.getMessage());
        }
        return entries;

    }

    private SandboxLimits sandboxLimits(SandboxFlags f) {
        SandboxLimits d = SandboxLimits.DEFAULTS;
        String perType = f.pidsLimitPerType() != null ? f.pidsLimitPerType() : env.get("FERRY_PIDS_LIMIT_PER_TYPE");
        java.util.Map<String, Integer> byType = d.pidsByType();
        if (perType != null && !perType.isBlank()) {
            try {
                byType = SandboxLimits.parsePerType(perType);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((f.pidsLimitPerType() != null ? "--pids-limit-per-type"
                        : "FERRY_PIDS_LIMIT_PER_TYPE") + "='" + perType + "' " + e.getMessage());
            }
        }
        return new SandboxLimits(
                count(f.pidsLimit(), "FERRY_PIDS_LIMIT", d.pids()),
                byType,
                bytes(f.tmpSize(), "--tmp-size", "FERRY_TMP_SIZE", d.tmpBytes()),
                bytes(f.appDiskLimit(), "--app-disk-limit", "FERRY_APP_DISK_LIMIT", d.appDiskBytes()),
                bytes(f.buildMemory(), "--build-memory", "FERRY_BUILD_MEMORY", d.buildMemoryBytes()),
                count(f.buildPidsLimit(), "FERRY_BUILD_PIDS_LIMIT", d.buildPids()));
    }

    private Path dataDir() {
        String value = env.get("FERRY_DATA_DIR");
        if (value == null || value.isBlank()) {
            return home.resolve(".ferry");
        }
        if (value.startsWith("~/")) {
            return home.resolve(value.substring(2));
        }
        return Path.of(value);
    }

    private String string(String flag, String variable, String fallback) {
        if (flag != null) {
            return flag;
        }
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private int port(Integer flag, String variable, int fallback) {
        if (flag != null) {
            return flag;
        }
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + "='" + value + "' is not a port number (0-65535; 0 turns it off)");
        }
    }

    private int count(Integer flag, String variable, int fallback) {
        if (flag != null) {
            return flag;
        }
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + "='" + value + "' is not a whole number of at least 1");
        }
    }

    /** A size such as {@code 512m}, {@code 1g}, {@code 100k} or a number of bytes; the flag wins over the variable. */
    private long bytes(String flag, String flagName, String variable, long fallback) {
        String value = flag != null ? flag : env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((flag != null ? flagName : variable) + "='" + value + "' " + e.getMessage());
        }
    }

    /** A time such as {@code 15m}, {@code 90s} or {@code 1h}; the flag wins over the variable. */
    private java.time.Duration duration(String flag, String flagName, String variable, java.time.Duration fallback) {
        String value = flag != null ? flag : env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})([smh])").matcher(value.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw new IllegalArgumentException((flag != null ? flagName : variable) + "='" + value
                    + "' is not a time such as 90s, 15m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofHours(n);
        };
    }
}
