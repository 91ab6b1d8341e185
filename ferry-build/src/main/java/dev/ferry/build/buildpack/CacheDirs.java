package dev.ferry.build.buildpack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Opens a buildpack's directory in the app's build cache and says in the build log whether it was reused. */
final class CacheDirs {

    private CacheDirs() {
    }

    /** {@code <cache>/<name>}, created when missing; logs whether an earlier build left anything in it. */
    static Path open(BuildContext context, String name, String what) throws IOException {
        Path dir = context.cacheDir(name);
        boolean reused;
        try (Stream<Path> entries = Files.list(dir)) {
            reused = entries.findAny().isPresent();
        }
        context.log().detail(reused ? "Reusing the " + what + " from earlier builds" : "Starting an empty " + what);
        return dir;
    }
}
