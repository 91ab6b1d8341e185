package dev.ferry.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where builds keep their files and how far they may go.
 *
 * @param dataDir             the platform's data directory: repositories in {@code repos/}, work directories in
 *                            {@code builds/}, kept build output in {@code build-logs/}, slugs in {@code slugs/},
 *                            per-app build caches in {@code cache/}
 * @param timeout             the longest one build may run, from its start (time spent queued is not counted);
 *                            default {@link #DEFAULT_TIMEOUT} (15 min)
 * @param maxPushBytes        the largest pack a push may send; default {@link #DEFAULT_MAX_PUSH_BYTES} (512 MiB)
 * @param maxConcurrentBuilds how many builds of different apps run at once (one per app always); default
 *                            {@link #DEFAULT_MAX_CONCURRENT_BUILDS} (2, for a small machine: a build is mostly
 *                            one busy process such as npm)
 * @param maxSourceBytes      the most the files of a pushed commit may hold once checked out for its build (a
 *                            small pack can carry files of zeros that unpack to gigabytes); default
 *                            {@link #DEFAULT_MAX_SOURCE_BYTES} (512 MiB)
 */
public record BuildConfig(Path dataDir, Duration timeout, long maxPushBytes, int maxConcurrentBuilds,
                          long maxSourceBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    public static final long DEFAULT_MAX_PUSH_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_BUILDS = 2;
    public static final long DEFAULT_MAX_SOURCE_BYTES = 512L * 1024 * 1024;

    public BuildConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the build timeout must be positive: " + timeout);
        }
        if (maxPushBytes < 1) {
            throw new IllegalArgumentException("the push size limit must be positive: " + maxPushBytes);
        }
        if (maxSourceBytes < 1) {
            throw new IllegalArgumentException("the source size limit must be positive: " + maxSourceBytes);
        }
        if (maxConcurrentBuilds < 1) {
            throw new IllegalArgumentException("at least one build must be able to run: " + maxConcurrentBuilds);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The defaults in {@code dataDir}. */
    public static BuildConfig in(Path dataDir) {
        return new BuildConfig(dataDir, DEFAULT_TIMEOUT, DEFAULT_MAX_PUSH_BYTES, DEFAULT_MAX_CONCURRENT_BUILDS,
                DEFAULT_MAX_SOURCE_BYTES);
    }

    public BuildConfig withTimeout(Duration newTimeout) {
        return new BuildConfig(dataDir, newTimeout, maxPushBytes, maxConcurrentBuilds, maxSourceBytes);
    }

    public BuildConfig withMaxPushBytes(long bytes) {
        return new BuildConfig(dataDir, timeout, bytes, maxConcurrentBuilds, maxSourceBytes);
    }

    public BuildConfig withMaxConcurrentBuilds(int builds) {
        return new BuildConfig(dataDir, timeout, maxPushBytes, builds, maxSourceBytes);
    }

    public BuildConfig withMaxSourceBytes(long bytes) {
        return new BuildConfig(dataDir, timeout, maxPushBytes, maxConcurrentBuilds, bytes);
    }

    /** The bare repositories, one {@code <app>.git} each. */
    public Path reposDir() {
        return dataDir.resolve("repos");
    }

    /** The builds' work directories, removed when each build ends. */
    public Path buildsDir() {
        return dataDir.resolve("builds");
    }

    /** The kept output of every build, {@code <id>.log}; outside {@link #buildsDir()}, which is cleaned at start. */
    public Path buildLogsDir() {
        return dataDir.resolve("build-logs");
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
