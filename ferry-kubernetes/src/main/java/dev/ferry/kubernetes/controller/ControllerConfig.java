package dev.ferry.kubernetes.controller;

import dev.ferry.core.route.HostName;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the {@link AnnotationController} watches and registers.
 *
 * @param watchNamespaces the namespaces whose Services are routed; empty (the default) for all namespaces
 * @param endpointTtl     how long a registered endpoint lives unless refreshed, so the routes of a controller that
 *                        died and was not replaced expire by themselves; default 60 s
 * @param refreshInterval how often every registration is refreshed; default 15 s, below {@code endpointTtl}
 * @param recordNamespace where the ConfigMap {@value RoutedHostsRecord#NAME} records what the leader routes, for the
 *                        next leader; default {@code ferry-system} (the wiring gives the Lease's namespace)
 * @param allowedDomains  the domains whose names (the domain itself and any name under it) an annotation may claim;
 *                        empty (the default) for any name
 */
public record ControllerConfig(List<String> watchNamespaces, Duration endpointTtl, Duration refreshInterval,
                               String recordNamespace, List<String> allowedDomains) {

    /** All namespaces, any name, a 60 s TTL refreshed every 15 s, the record in {@code ferry-system}. */
    public static final ControllerConfig DEFAULT = new ControllerConfig(List.of(), Duration.ofSeconds(60),
            Duration.ofSeconds(15), "ferry-system", List.of());

    public ControllerConfig {
        watchNamespaces = List.copyOf(watchNamespaces);
        allowedDomains = allowedDomains.stream().map(ControllerConfig::allowedDomain).toList();
        Objects.requireNonNull(endpointTtl, "endpointTtl");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        for (String namespace : watchNamespaces) {
            checkNamespace(namespace);
        }
        checkNamespace(recordNamespace);
        if (refreshInterval.isNegative() || refreshInterval.isZero() || refreshInterval.compareTo(endpointTtl) >= 0) {
            throw new IllegalArgumentException("the refresh interval " + refreshInterval
                    + " must be positive and shorter than the endpoint TTL " + endpointTtl);
        }
    }

    /** This config watching only {@code namespaces} (empty: all). */
    public ControllerConfig withWatchNamespaces(List<String> namespaces) {
        return new ControllerConfig(namespaces, endpointTtl, refreshInterval, recordNamespace, allowedDomains);
    }

    /** This config keeping its record in {@code namespace}. */
    public ControllerConfig withRecordNamespace(String namespace) {
        return new ControllerConfig(watchNamespaces, endpointTtl, refreshInterval, namespace, allowedDomains);
    }

    /** This config letting annotations claim only names in {@code domains} (empty: any name). */
    public ControllerConfig withAllowedDomains(List<String> domains) {
        return new ControllerConfig(watchNamespaces, endpointTtl, refreshInterval, recordNamespace, domains);
    }

    private static String allowedDomain(String domain) {
        String normalized = HostName.normalizeDomain(domain);
        if (HostName.isWildcard(normalized)) {
            throw new IllegalArgumentException("allowed domain '" + domain + "' must be a name such as example.com,"
                    + " which allows the names under it too, not a wildcard");
        }
        return normalized;
    }

    private static void checkNamespace(String namespace) {
        if (namespace == null || !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("namespace '" + namespace
                    + "' is not a Kubernetes namespace name (lowercase letters, digits and dashes, at most 63)");
        }
    }
}
