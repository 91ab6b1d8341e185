package dev.ferry.build.buildpack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** How to start a build tool's wrapper script committed with the app ({@code mvnw}, {@code gradlew}). */
final class Wrappers {

    private Wrappers() {
    }

    /** {@code ./name} when it is executable, else {@code sh name} (a wrapper committed without its mode bit). */
    static List<String> command(Path src, String name) {
        return Files.isExecutable(src.resolve(name)) ? List.of("./" + name) : List.of("sh", name);
    }
}
