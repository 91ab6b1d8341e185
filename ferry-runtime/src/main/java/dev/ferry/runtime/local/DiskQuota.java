package dev.ferry.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code /app} disk limit of instances: what an instance's directory holds (the sizes of its files, links not
 * followed) measured against the limit. The runtime measures every live instance at an interval and restarts one
 * over its limit on a fresh copy of its release; the sandbox also caps any single file at the limit
 * ({@code RLIMIT_FSIZE}), so one large write fails at once rather than at the next measurement.
 */
final class DiskQuota {

    private DiskQuota() {
    }

    /** Why {@code dir} is over {@code limitBytes}, or empty when it is within it (or already gone). */
    static Optional<String> exceeded(Path dir, long limitBytes) {
        long used = bytesUnder(dir);
        if (used <= limitBytes) {
            return Optional.empty();
        }
        return Optional.of("/app holds " + mib(used) + ", over its limit of " + mib(limitBytes));
    }

    /** The total size of the regular files under {@code dir}. */
    static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            // the instance removed files while they were counted: measure again next time
            return 0;
        }
    }

    private static String mib(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }
}
