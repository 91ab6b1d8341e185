package dev.ferry.build.buildpack;

import dev.ferry.build.BuildLog;
import dev.ferry.core.build.BuildJail;
import dev.ferry.core.build.BuildSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What a buildpack works with.
 *
 * @param src      the work directory holding the checked-out commit; the slug is packed from it afterwards
 * @param log      the build's output
 * @param deadline when the build's time runs out; commands still running then are killed
 * @param cache    the app's build cache, kept between its builds ({@code <data-dir>/cache/<app>/}); outside
 *                 {@code src}, so never part of a slug. Buildpacks keep their own sub-directory in it
 *                 ({@code npm/}, {@code m2/}, {@code gradle/}, {@code pip/}, {@code go-build/}, {@code go-mod/})
 * @param jail     where the build's commands run ({@link CommandRunner}); paths handed to them go through
 *                 {@link #visible(Path)}
 */
public record BuildContext(Path src, BuildLog log, Instant deadline, Path cache, BuildJail jail) {

    public BuildContext {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(jail, "jail");
        src = src.toAbsolutePath().normalize();
        cache = cache.toAbsolutePath().normalize();
        if (cache.startsWith(src) || src.startsWith(cache)) {
            throw new IllegalArgumentException("the build cache " + cache + " and the work directory " + src
                    + " must not contain each other");
        }
    }

    /** A context whose commands run unsandboxed ({@link BuildSandbox#unsandboxed()}), for buildpacks' own tests. */
    public BuildContext(Path src, BuildLog log, Instant deadline, Path cache) {
        this(src, log, deadline, cache, unsandboxedJail(src, cache));
    }

    private static BuildJail unsandboxedJail(Path src, Path cache) {
        try {
            return BuildSandbox.unsandboxed().open("", src, cache);
        } catch (IOException e) {
            throw new IllegalStateException("an unsandboxed build needs no preparation", e);
        }
    }

    /** {@code cache/name}, created when missing. */
    public Path cacheDir(String name) throws IOException {
        return Files.createDirectories(cache.resolve(name));
    }

    /** How the build's commands see {@code hostPath} (a path in {@code src} or {@code cache}). */
    public String visible(Path hostPath) {
        return jail.visiblePath(hostPath.toAbsolutePath().normalize());
    }
}
