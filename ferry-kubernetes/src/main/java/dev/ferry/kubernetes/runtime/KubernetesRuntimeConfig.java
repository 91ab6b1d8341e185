package dev.ferry.kubernetes.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings of the {@link KubernetesRuntime}, immutable; {@link #defaults} gives every default and the
 * {@code with*} methods change one.
 *
 * @param namespacePrefix     each app runs in namespace {@code <prefix><app>}; default {@value #DEFAULT_PREFIX}
 * @param stackImages         the image a release's pods run in, by buildpack ({@code node}, {@code python},
 *                            {@code go}, {@code java}, {@code static}, {@code procfile}); defaults in
 *                            {@link #DEFAULT_STACK_IMAGES}, a {@code --stack-image KEY=IMAGE} overrides one
 * @param defaultStackImage   the image of a release whose buildpack has no entry; default {@code debian:bookworm-slim}
 * @param fetchImage          the init container that downloads and unpacks the slug (needs {@code wget} and
 *                            {@code tar}); default {@code busybox:1.37}
 * @param controlUrl          the control API as pods reach it, e.g. {@code http://ferry-control.ferry:7070}
 * @param containerPort       the {@code PORT} every web container listens on; default 5000 (Heroku's)
 * @param rolloutTimeout      how long new pods may take to be ready before the rollout is undone; default 5 min
 * @param releaseTimeout      how long the release phase's Job may run; default 10 min
 * @param slugTokenLifetime   how long a slug token stays valid; default 15 min, renewed on every apply
 * @param preStopSleep        how long a stopping pod keeps serving so that routers deregister it first; default 10 s
 * @param terminationGrace    {@code terminationGracePeriodSeconds} of every pod; default 30 s
 */
public record KubernetesRuntimeConfig(String namespacePrefix, Map<String, String> stackImages, String defaultStackImage,
                                      String fetchImage, String controlUrl, int containerPort, Duration rolloutTimeout,
                                      Duration releaseTimeout, Duration slugTokenLifetime, Duration preStopSleep,
                                      Duration terminationGrace) {

    public static final String DEFAULT_PREFIX = "ferry-";

    /** The stack image of each buildpack by default: Debian-based, slim, with the runtime the buildpack built for. */
    public static final Map<String, String> DEFAULT_STACK_IMAGES = orderedMap(
            "node", "node:20-bookworm-slim",
            "python", "python:3.12-slim-bookworm",
            "java", "eclipse-temurin:21-jre",
            "go", "debian:bookworm-slim",
            "static", "python:3.12-slim-bookworm",
            "procfile", "debian:bookworm-slim");

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([a-z0-9-]{0,31})?");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public KubernetesRuntimeConfig {
        Objects.requireNonNull(namespacePrefix, "namespacePrefix");
        if (!namespacePrefix.isEmpty() && !PREFIX.matcher(namespacePrefix).matches()) {
            throw new IllegalArgumentException("the namespace prefix '" + namespacePrefix
                    + "' must be up to 32 lower-case letters, digits and dashes, starting with a letter or digit");
        }
        stackImages = Map.copyOf(stackImages);
        stackImages.forEach((key, image) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("stack image key '" + key + "' must be a buildpack such as node");
            }
            requireImage(image);
        });
        requireImage(defaultStackImage);
        requireImage(fetchImage);
        Objects.requireNonNull(controlUrl, "controlUrl");
        if (!controlUrl.matches("https?://[^/\\s]+/?")) {
            throw new IllegalArgumentException("the control URL '" + controlUrl + "' must be http(s)://HOST[:PORT]");
        }
        controlUrl = controlUrl.endsWith("/") ? controlUrl.substring(0, controlUrl.length() - 1) : controlUrl;
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("the container port " + containerPort + " is outside 1-65535");
        }
        for (Duration d : List.of(rolloutTimeout, releaseTimeout, slugTokenLifetime, terminationGrace)) {
            if (d.toSeconds() < 1) {
                throw new IllegalArgumentException("the runtime's timeouts must be at least 1 s, not " + d);
            }
        }
        if (preStopSleep.isNegative() || preStopSleep.compareTo(terminationGrace) >= 0) {
            throw new IllegalArgumentException("the preStop sleep " + preStopSleep
                    + " must be shorter than the termination grace " + terminationGrace);
        }
    }

    /** Every default, with pods fetching slugs from {@code controlUrl}. */
    public static KubernetesRuntimeConfig defaults(String controlUrl) {
        return new KubernetesRuntimeConfig(DEFAULT_PREFIX, DEFAULT_STACK_IMAGES, "debian:bookworm-slim", "busybox:1.37",
                controlUrl, 5000, Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public KubernetesRuntimeConfig withNamespacePrefix(String prefix) {
        return new KubernetesRuntimeConfig(prefix, stackImages, defaultStackImage, fetchImage, controlUrl,
                containerPort, rolloutTimeout, releaseTimeout, slugTokenLifetime, preStopSleep, terminationGrace);
    }

    /** These settings with {@code overrides} over the stack images ({@code node=node:22-bookworm-slim}). */
    public KubernetesRuntimeConfig withStackImages(Map<String, String> overrides) {
        Map<String, String> images = new LinkedHashMap<>(stackImages);
        overrides.forEach((key, image) -> images.put(key.toLowerCase(Locale.ROOT), image));
        return new KubernetesRuntimeConfig(namespacePrefix, images, defaultStackImage, fetchImage, controlUrl,
                containerPort, rolloutTimeout, releaseTimeout, slugTokenLifetime, preStopSleep, terminationGrace);
    }

    public KubernetesRuntimeConfig withTimeouts(Duration rollout, Duration release) {
        return new KubernetesRuntimeConfig(namespacePrefix, stackImages, defaultStackImage, fetchImage, controlUrl,
                containerPort, rollout, release, slugTokenLifetime, preStopSleep, terminationGrace);
    }

    /** The namespace of {@code app}'s objects. */
    public String namespaceOf(String app) {
        return namespacePrefix + app;
    }

    private static void requireImage(String image) {
        if (image == null || image.isBlank() || image.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("'" + image + "' is not a container image reference");
        }
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
