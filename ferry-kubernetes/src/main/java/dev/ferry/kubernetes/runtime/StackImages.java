package dev.ferry.kubernetes.runtime;

import java.util.Locale;
import java.util.Optional;

/**
 * Picks the image a release's pods run in from the buildpack that built its slug, as Heroku runs a slug on a stack:
 * the buildpack's name as the build reports it ({@code Node.js}, {@code Java (Maven)}, {@code Static site}) or its
 * id ({@code nodejs}, {@code java-gradle}) becomes a key ({@code node}, {@code java}, {@code static}) of
 * {@link KubernetesRuntimeConfig#stackImages}; an unknown or missing buildpack gets the default stack image.
 */
final class StackImages {

    private final KubernetesRuntimeConfig config;

    StackImages(KubernetesRuntimeConfig config) {
        this.config = config;
    }

    /** The image for a slug built by {@code buildpack}. */
    String imageFor(Optional<String> buildpack) {
        return buildpack.map(StackImages::keyOf).map(config.stackImages()::get).orElse(config.defaultStackImage());
    }

    /** {@code Node.js} and {@code nodejs} → {@code node}; {@code Java (Maven)} → {@code java}; {@code Static site} → {@code static}. */
    static String keyOf(String buildpack) {
        String word = buildpack.strip().toLowerCase(Locale.ROOT).split("[\\s(.-]", 2)[0];
        return word.equals("nodejs") ? "node" : word;
    }
}
