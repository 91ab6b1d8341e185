package dev.ferry.build.buildpack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Apps that bring everything they run and only declare it in a {@code Procfile}: no build step. Detected
 * when a Procfile is present and no language build file is ({@code package.json}, {@code pom.xml},
 * Gradle, Python or Go files), so that a Node.js app with a Procfile is still built as Node.js.
 */
public final class ProcfileBuildpack implements Buildpack {

    /** Files that mean a language buildpack should build the app. */
    static final List<String> LANGUAGE_FILES = List.of("package.json", "pom.xml", "build.gradle", "build.gradle.kts",
            "gradlew", "requirements.txt", "pyproject.toml", "go.mod");

    @Override
    public String name() {
        return "Procfile";
    }

    @Override
    public String id() {
        return "procfile";
    }

    @Override
    public boolean detect(Path src) {
        return Files.isRegularFile(src.resolve(Procfile.FILE))
                && LANGUAGE_FILES.stream().noneMatch(f -> Files.exists(src.resolve(f)));
    }

    @Override
    public Map<String, String> build(BuildContext context) {
        return Map.of();
    }
}
