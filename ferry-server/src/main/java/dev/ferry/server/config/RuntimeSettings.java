package dev.ferry.server.config;

import dev.ferry.kubernetes.runtime.KubernetesRuntimeConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where apps' instances run, part of {@link FerryConfig}: {@code --runtime local} (the default, {@link #LOCAL})
 * supervises sandboxed processes on this machine; {@code --runtime kubernetes} runs them on the cluster of the
 * in-cluster config or {@code KUBECONFIG}, each app in namespace {@code <namespacePrefix><app>}
 * ({@code --namespace-prefix}, default {@code ferry-}), on the stack image of its buildpack ({@code --stack-image
 * node=node:20-bookworm-slim,…} over {@link KubernetesRuntimeConfig#DEFAULT_STACK_IMAGES}), its pods fetching slugs
 * from {@code controlUrl} ({@code --control-url}, default the API's own address).
 *
 * @param kubeconfig a kubeconfig file to use instead of fabric8's own search (in-cluster, then {@code KUBECONFIG},
 *                   then {@code ~/.kube/config}); empty for that search
 */
public record RuntimeSettings(Kind kind, String namespacePrefix, Map<String, String> stackImages,
                              Optional<String> controlUrl, Optional<Path> kubeconfig) {

    /** Where instances run. */
    public enum Kind { LOCAL, KUBERNETES }

    /** Local processes on this machine. */
    public static final RuntimeSettings LOCAL = new RuntimeSettings(Kind.LOCAL, KubernetesRuntimeConfig.DEFAULT_PREFIX,
            Map.of(), Optional.empty(), Optional.empty());

    public RuntimeSettings {
        Objects.requireNonNull(kind, "kind");
        stackImages = Map.copyOf(stackImages);
        Objects.requireNonNull(controlUrl, "controlUrl");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        KubernetesRuntimeConfig.defaults(controlUrl.orElse("http://localhost:7070")).withNamespacePrefix(namespacePrefix)
                .withStackImages(stackImages);
    }

    /** This setting on Kubernetes, with the rest unchanged. */
    public RuntimeSettings onKubernetes() {
        return new RuntimeSettings(Kind.KUBERNETES, namespacePrefix, stackImages, controlUrl, kubeconfig);
    }

    /** This setting reading the cluster from {@code file}. */
    public RuntimeSettings withKubeconfig(Path file) {
        return new RuntimeSettings(kind, namespacePrefix, stackImages, controlUrl, Optional.of(file));
    }

    /** {@code local} or {@code kubernetes}, the values of {@code --runtime}. */
    static Kind parseKind(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "local" -> Kind.LOCAL;
            case "kubernetes" -> Kind.KUBERNETES;
            default -> throw new IllegalArgumentException("must be local (processes on this machine) or kubernetes");
        };
    }

    /** {@code node=node:20-bookworm-slim,python=python:3.12-slim}, the value of {@code --stack-image}. */
    static Map<String, String> parseStackImages(String value) {
        Map<String, String> images = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            String e = entry.strip();
            int eq = e.indexOf('=');
            if (eq < 1 || eq == e.length() - 1) {
                throw new IllegalArgumentException("is not a list of BUILDPACK=IMAGE such as node=node:20-bookworm-slim");
            }
            images.put(e.substring(0, eq).strip().toLowerCase(Locale.ROOT), e.substring(eq + 1).strip());
        }
        return images;
    }
}
