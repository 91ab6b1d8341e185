package dev.ferry.build.buildpack;

import dev.ferry.build.BuildLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What a buildpack works with.
 *
 * @param src      the work directory holding the checked-out commit; the slug is packed from it afterwards
 * @param log      the build's output
 * @param deadline when the build's time runs out; commands still running then are killed
 */
public record BuildContext(Path src, BuildLog log, Instant deadline) {

    public BuildContext {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(deadline, "deadline");
    }
}
