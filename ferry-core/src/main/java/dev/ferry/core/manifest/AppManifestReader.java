package dev.ferry.core.manifest;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads an app's {@code app.json} into an {@link AppManifest}: the one parser of that file. The build reads it
 * from the checked-out commit (a malformed file fails the build) and the runtime from each unpacked release.
 * ferry-build implements it with Jackson; the platform hands the same reader to the runtime. Thread-safe.
 */
@FunctionalInterface
public interface AppManifestReader {

    /** The file name, at the root of the app. */
    String FILE = "app.json";

    /**
     * The manifest of the app in {@code appDir}; {@link AppManifest#NONE} when it has no {@value #FILE}.
     *
     * @throws InvalidAppManifest when the file is malformed, naming the line and what is wrong
     * @throws IOException when the file cannot be read
     */
    AppManifest read(Path appDir) throws IOException;
}
