package dev.ferry.server.kubernetes;

import dev.ferry.kubernetes.controller.ControllerConfig;
import dev.ferry.store.route.RedisRegistryConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of {@code ferry kubernetes-controller}, each from its flag, else its environment variable, else its
 * default (see {@link KubernetesControllerCommand} for the flags).
 *
 * @param registry       the fleet's Redis route registry; required
 * @param controller     the namespaces watched (default all), the domains annotations may claim (default any) and
 *                       the endpoints' TTL
 * @param leaseNamespace the Lease's namespace; empty: the client's namespace (the pod's own in a cluster)
 * @param leaseName      the Lease's name; default {@value #DEFAULT_LEASE_NAME}
 * @param identity       this replica's name in the Lease; empty: the host name, which is the pod's name
 * @param bindAddress    where the health listener binds; default {@code 127.0.0.1}
 * @param healthPort     the health listener's port ({@code GET /healthz}); default 8081, 0 turns it off
 */
public record KubernetesControllerSettings(RedisRegistryConfig registry, ControllerConfig controller,
                                           Optional<String> leaseNamespace, String leaseName, Optional<String> identity,
                                           String bindAddress, int healthPort) {

    public static final String DEFAULT_LEASE_NAME = "ferry-kubernetes-controller";

    public KubernetesControllerSettings {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(leaseNamespace, "leaseNamespace");
        Objects.requireNonNull(leaseName, "leaseName");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (healthPort < 0 || healthPort > 65535) {
            throw new IllegalArgumentException("--health-port " + healthPort + " is outside 0-65535");
        }
    }

    /**
     * Reads the settings from the flags as given (null when absent) and the environment.
     *
     * @throws IllegalArgumentException with a sentence naming the flag and what is wrong
     */
    static KubernetesControllerSettings resolve(KubernetesControllerCommand flags, Map<String, String> env) {
        String registry = or(flags.registry, env.get("FERRY_REGISTRY"));
        if (registry == null || registry.isBlank()) {
            throw new IllegalArgumentException("ferry kubernetes-controller needs the fleet's route registry: --registry "
                    + "redis://HOST:PORT or env FERRY_REGISTRY");
        }
        RedisRegistryConfig redis;
        try {
            redis = RedisRegistryConfig.of(registry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--registry '" + registry + "' is not a Redis address such as redis://HOST:PORT");
        }
        ControllerConfig controller;
        try {
            controller = ControllerConfig.DEFAULT.withWatchNamespaces(list(flags.watchNamespaces, env.get("FERRY_WATCH_NAMESPACES")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--watch-namespace: " + e.getMessage());
        }
        try {
            controller = controller.withAllowedDomains(list(flags.allowDomains, env.get("FERRY_ALLOW_DOMAINS")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--allow-domain: " + e.getMessage());
        }
        String healthPort = or(flags.healthPort, env.get("FERRY_HEALTH_PORT"));
        int port;
        try {
            port = healthPort == null ? 8081 : Integer.parseInt(healthPort.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--health-port '" + healthPort + "' is not a port number");
        }
        return new KubernetesControllerSettings(redis, controller,
                Optional.ofNullable(or(flags.leaseNamespace, env.get("FERRY_LEASE_NAMESPACE"))),
                Optional.ofNullable(or(flags.leaseName, env.get("FERRY_LEASE_NAME"))).orElse(DEFAULT_LEASE_NAME),
                Optional.ofNullable(or(flags.identity, env.get("FERRY_IDENTITY"))),
                Optional.ofNullable(or(flags.bindAddress, env.get("FERRY_BIND_ADDRESS"))).orElse("127.0.0.1"), port);
    }

    /** The repeated flag's values, else the variable's comma-separated ones, else none. */
    private static List<String> list(List<String> flag, String env) {
        if (flag != null) {
            return flag;
        }
        return Optional.ofNullable(env).filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList())
                .orElse(List.of());
    }

    private static String or(String flag, String env) {
        return flag != null ? flag : env;
    }
}
