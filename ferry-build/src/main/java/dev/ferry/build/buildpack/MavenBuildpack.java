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
 * Java apps built with Maven ({@code pom.xml}): {@code ./mvnw} when the app has the Maven wrapper, else the
 * host's {@code mvn}, running {@code -B -ntp -DskipTests package} with the local repository in the app's
 * build cache ({@code m2/}). The default {@code web} command runs the runnable jar found in {@code target/}
 * (see {@link RunnableJars}) with a path relative to the app's directory:
 * {@code java -Dserver.port=$PORT -jar target/<jar>}. A {@code java.runtime.version} or
 * {@code maven.compiler.release} above the host's Java is a warning.
 */
public final class MavenBuildpack implements Buildpack {

    /** The wrapper script, used instead of the host's mvn when present. */
    static final String WRAPPER = "mvnw";

    @Override
    public String name() {
        return "Java (Maven)";
    }

    @Override
    public String id() {
        return "java-maven";
    }

    @Override
    public boolean detect(Path src) {
        return Files.isRegularFile(src.resolve("pom.xml"));
    }

    @Override
    public Map<String, String> build(BuildContext context) throws BuildFailed, IOException, InterruptedException {
        Path src = context.src();
        JavaPins.warnWhenHostIsOlder(context);
        List<String> command = new ArrayList<>();
        if (Files.isRegularFile(src.resolve(WRAPPER))) {
            command.addAll(Wrappers.command(src, WRAPPER));
        } else if (HostTools.onPath("mvn").isPresent()) {
            command.add("mvn");
        } else {
            throw new BuildFailed("Java (Maven) app detected but no mvn on this host: install Maven or commit the"
                    + " Maven wrapper (mvnw)");
        }
        Path repository = CacheDirs.open(context, "m2", "Maven repository");
        command.addAll(List.of("-B", "-ntp", "-Dstyle.color=never", "-DskipTests", "-Dmaven.repo.local=" + context.visible(repository), "package"));
        context.log().step("Building with " + String.join(" ", command.subList(0, command.size() - 2)) + " package");
        CommandRunner.run(context, command);
        Optional<String> jar = RunnableJars.pick(src, "target");
        if (jar.isEmpty()) {
            context.log().detail("No runnable jar (one with a Main-Class) in target/: declare web in a Procfile");
            return Map.of();
        }
        context.log().detail("Runnable jar: target/" + jar.get());
        return Map.of("web", "java -Dserver.port=$PORT -jar target/" + jar.get());
    }
}
