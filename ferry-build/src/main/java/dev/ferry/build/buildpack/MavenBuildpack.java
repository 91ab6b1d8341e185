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
 * {@code maven.compiler.release} above the build's JDK is a warning. Output is plain text: no colour codes, and
 * {@link #mavenOpts} keeps the JDK's warnings about Maven's own libraries out.
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

    /**
     * {@code MAVEN_OPTS} that keep the JVM's own warnings out of the build output: Maven's jansi loads a native
     * library and its guava uses {@code sun.misc.Unsafe}, which JDK 24 and later report on every run. The options
     * exist from JDK 23 on (an older JVM would refuse them), so below that, or when the version is unknown, none.
     */
    static Map<String, String> mavenOpts(java.util.OptionalInt jdkMajor) {
        if (jdkMajor.isEmpty() || jdkMajor.getAsInt() < 23) {
            return Map.of();
        }
        return Map.of("MAVEN_OPTS", "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow");
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
        CommandRunner.run(context, command, mavenOpts(HostTools.javaMajor()));
        Optional<String> jar = RunnableJars.pick(src, "target");
        if (jar.isEmpty()) {
            context.log().detail("No runnable jar (one with a Main-Class) in target/: declare web in a Procfile");
            return Map.of();
        }
        context.log().detail("Runnable jar: target/" + jar.get());
        return Map.of("web", "java -Dserver.port=$PORT -jar target/" + jar.get());
    }
}
