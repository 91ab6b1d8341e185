package dev.ferry.core.build;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the commands of a build run (npm, Maven, Gradle, pip, go, wrapper scripts: anything a pushed app can
 * make run). The builder opens one {@link BuildJail} per build and closes it when the build ends, whatever
 * the outcome. The local runtime implements it with the same sandbox as app instances (bubblewrap, the app's own
 * uid, a cgroup of the build's own); {@link #unsandboxed()} runs commands as Ferry's own user, for hosts where
 * no sandbox works and for tests of buildpacks alone.
 */
@FunctionalInterface
public interface BuildSandbox {

    /**
     * Opens the sandbox of one build of {@code app}.
     *
     * @param src   the build's work directory; the only directory besides {@code cache} its commands may write
     * @param cache the app's build cache, kept between its builds
     * @throws IOException when the sandbox cannot be prepared (the build then fails)
     */
    BuildJail open(String app, Path src, Path cache) throws IOException;

    /** Commands run unsandboxed, as Ferry's own user, in the work directory with Ferry's environment. */
    static BuildSandbox unsandboxed() {
        return (app, src, cache) -> new UnsandboxedJail(src);
    }
}
