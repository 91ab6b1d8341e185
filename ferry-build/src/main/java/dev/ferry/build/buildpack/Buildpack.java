package dev.ferry.build.buildpack;

import dev.ferry.build.BuildFailed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One way of building an app, in place in the build's work directory. Implementations are stateless and
 * thread-safe; {@link Buildpacks} lists them in detection order.
 */
public interface Buildpack {

    /** The name shown in {@code -----> <name> app detected} and used in {@code .buildpacks}. */
    String name();

    /** The id written in a {@code .buildpacks} file to choose this buildpack, e.g. {@code nodejs}. */
    String id();

    /** True when the app in {@code src} looks like this buildpack's kind of app. */
    boolean detect(Path src);

    /**
     * Builds the app in {@code context.src()} and returns its default process types, which the Procfile's
     * types override or extend.
     */
    Map<String, String> build(BuildContext context) throws BuildFailed, IOException, InterruptedException;
}
