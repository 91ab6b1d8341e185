package dev.ferry.build.buildpack;

import dev.ferry.build.BuildFailed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Java apps built with Gradle ({@code build.gradle}, {@code build.gradle.kts} or {@code gradlew}). Only the
 * app's Gradle wrapper is used (Gradle versions differ too much to use a host's): without {@code gradlew}
 * the build fails saying so. Runs {@code ./gradlew -q --no-daemon build -x test} with
 * {@code GRADLE_USER_HOME} in the app's build cache ({@code gradle/}); no daemon, so nothing outlives the
 * build. The default {@code web} command runs the runnable jar in {@code build/libs/}:
 * {@code java -Dserver.port=$PORT -jar build/libs/<jar>}.
 */
public final class GradleBuildpack implements Buildpack {

    static final String WRAPPER = "gradlew";

    @Override
    public String name() {
        return "Java (Gradle)";
    }

    @Override
    public String id() {
        return "java-gradle";
    }

    @Override
    public boolean detect(Path src) {
        return Files.isRegularFile(src.resolve(WRAPPER)) || Files.isRegularFile(src.resolve("build.gradle"))
                || Files.isRegularFile(src.resolve("build.gradle.kts"));
    }

    @Override
    public Map<String, String> build(BuildContext context) throws BuildFailed, IOException, InterruptedException {
        Path src = context.src();
        if (!Files.isRegularFile(src.resolve(WRAPPER))) {
            throw new BuildFailed("Java (Gradle) app detected but it has no Gradle wrapper: run 'gradle wrapper'"
                    + " and commit gradlew and gradle/wrapper/");
        }
        JavaPins.warnWhenHostIsOlder(context);
        Path home = CacheDirs.open(context, "gradle", "Gradle home");
        List<String> command = new ArrayList<>(Wrappers.command(src, WRAPPER));
        command.addAll(List.of("-q", "--no-daemon", "build", "-x", "test"));
        context.log().step("Building with " + String.join(" ", command));
        CommandRunner.run(context, command, Map.of("GRADLE_USER_HOME", context.visible(home)));
        Optional<String> jar = RunnableJars.pick(src, "build/libs");
        if (jar.isEmpty()) {
            context.log().detail("No runnable jar (one with a Main-Class) in build/libs/: declare web in a Procfile");
            return Map.of();
        }
        context.log().detail("Runnable jar: build/libs/" + jar.get());
        return Map.of("web", "java -Dserver.port=$PORT -jar build/libs/" + jar.get());
    }
}
