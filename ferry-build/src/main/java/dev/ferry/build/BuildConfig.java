package dev.ferry.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where builds keep their files and how far they may go.
 *
 * @param dataDir       the platform's data directory: repositories in {@code repos/}, work directories in
 *                      {@code builds/}, slugs in {@code slugs/}, per-app build caches in {@code cache/}
 * @param timeout       the longest one build may run; default {@link #DEFAULT_TIMEOUT} (15 min)
 * @param maxPushBytes  the largest pack a push may send; default {@link #DEFAULT_MAX_PUSH_BYTES} (512 MiB)
 */
public record BuildConfig(Path dataDir, Duration timeout, long maxPushBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    public static final long DEFAULT_MAX_PUSH_BYTES = 512L * 1024 * 1024;

    public BuildConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the build timeout must be positive: " + timeout);
        }
        if (maxPushBytes < 1) {
            throw new IllegalArgumentException("the push size limit must be positive: " + maxPushBytes);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The defaults in {@code dataDir}. */
    public static BuildConfig in(Path dataDir) {
        return new BuildConfig(dataDir, DEFAULT_TIMEOUT, DEFAULT_MAX_PUSH_BYTES);
    }

    /** The bare repositories, one {@code <app>.git} each. */
    public Path reposDir() {
        return dataDir.resolve("repos");
    }

    /** The builds' work directories, removed when each build ends. */
    public Path buildsDir() {
        return dataDir.resolve("builds");
    }

    /** The build caches, one {@code <app>/} each, kept between builds and never packed into a slug. */
    public Path cacheDir() {
        return dataDir.resolve("cache");
    }

    /** The content-addressed slugs. */
    public Path slugsDir() {
        return dataDir.resolve("slugs");
    }
}
