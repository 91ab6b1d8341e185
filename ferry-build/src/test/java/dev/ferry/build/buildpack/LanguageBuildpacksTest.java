package dev.ferry.build.buildpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.build.BuildFailed;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Maven, Gradle, Python and Go buildpacks run in place with real processes (fake wrappers where a real build would need a network). */
class LanguageBuildpacksTest {

    @TempDir
    Path tmp;

    private final List<String> log = new CopyOnWriteArrayList<>();

    private Path src() throws IOException {
        return Files.createDirectories(tmp.resolve("src"));
    }

    private BuildContext context() throws IOException {
        return new BuildContext(src(), log::add, Instant.now().plusSeconds(120), Files.createDirectories(tmp.resolve("cache")));
    }

    private void file(String name, String content) throws IOException {
        Path f = src().resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    static void jar(Path file, Map<String, String> attributes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void buildsAPythonAppInAVirtualenvWhoseScriptsWorkAfterTheSlugMoves() throws Exception {
        file("requirements.txt", "# nothing from PyPI: the standard library is enough\n");
        file("app.py", "print('hello')\n");

        Map<String, String> types = new PythonBuildpack().build(context());

        assertThat(types).containsExactly(entry("web", ".venv/bin/python app.py"));
        assertThat(log).contains("-----> Creating a virtualenv in .venv with the host's python3",
                "-----> Installing requirements with pip", "       Starting an empty pip cache");
        Path moved = Files.move(src(), tmp.resolve("elsewhere"));
        assertThat(run(moved, ".venv/bin/pip", "--version")).contains(moved.resolve(".venv").toString());
        assertThat(run(moved, "sh", "-c", types.get("web"))).isEqualTo("hello\n");
    }

    @Test
    void picksPythonDefaultsByAppPyThenManagePyElseNone() throws Exception {
        file("worker.py", "print('hello')\n");
        assertThat(PythonBuildpack.defaultTypes(src())).isEmpty();
        file("manage.py", "");
        assertThat(PythonBuildpack.defaultTypes(src()))
                .containsExactly(entry("web", ".venv/bin/python manage.py runserver 0.0.0.0:$PORT"));
        file("app.py", "");
        assertThat(PythonBuildpack.defaultTypes(src())).containsExactly(entry("web", ".venv/bin/python app.py"));
    }

    @Test
    void buildsAGoAppWithTheHostsGoAndItsCachesInTheBuildCache() throws Exception {
        Assumptions.assumeTrue(HostTools.onPath("go").isPresent(), "no go toolchain on this host");
        file("go.mod", "module example.com/hello/v2\n\ngo 1.19\n");
        file("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"Hello from Ferry\") }\n");

        Map<String, String> types = new GoBuildpack().build(context());

        assertThat(types).containsExactly(entry("web", "bin/hello"));
        assertThat(run(src(), "sh", "-c", "bin/hello")).isEqualTo("Hello from Ferry\n");
        try (var entries = Files.list(tmp.resolve("cache/go-build"))) {
            assertThat(entries).isNotEmpty();
        }
    }

    @Test
    void failsAGoAppClearlyWhenTheHostHasNoGo() throws Exception {
        file("go.mod", "module hello\n");
        assertThatThrownBy(() -> new GoBuildpack(tmp.resolve("empty-path").toString()).build(context()))
                .isInstanceOf(BuildFailed.class).hasMessage("Go app detected but no go toolchain on this host");
    }

    @Test
    void namesTheGoBinaryAfterTheModulePath() {
        assertThat(GoBuildpack.binaryName("module example.com/api\n")).isEqualTo("api");
        assertThat(GoBuildpack.binaryName("// c\nmodule \"github.com/a/b/v3\"\n")).isEqualTo("b");
        assertThat(GoBuildpack.binaryName("go 1.21\n")).isEqualTo("app");
    }

    @Test
    void buildsWithTheGradleWrapperAndItsHomeInTheBuildCache() throws Exception {
        file("build.gradle", "");
        file("gradlew", """
                #!/bin/sh
                echo "gradle home: $GRADLE_USER_HOME"
                echo "args: $*"
                mkdir -p build/libs && cp made.jar build/libs/app-1.0.jar && cp made.jar build/libs/app-1.0-plain.jar
                """);
        Files.setPosixFilePermissions(src().resolve("gradlew"), PosixFilePermissions.fromString("rwxr-xr-x"));
        jar(src().resolve("made.jar"), Map.of("Main-Class", "app.Main"));

        Map<String, String> types = new GradleBuildpack().build(context());

        assertThat(log).contains("       gradle home: " + tmp.resolve("cache/gradle"), "       args: -q --no-daemon build -x test");
        assertThat(types).containsExactly(entry("web", "java -Dserver.port=$PORT -jar build/libs/app-1.0.jar"));
    }

    @Test
    void refusesAGradleAppWithoutItsWrapper() throws Exception {
        file("build.gradle.kts", "");
        assertThatThrownBy(() -> new GradleBuildpack().build(context())).isInstanceOf(BuildFailed.class)
                .hasMessageStartingWith("Java (Gradle) app detected but it has no Gradle wrapper");
    }

    @Test
    void buildsWithTheMavenWrapperAndWarnsWhenTheAppWantsANewerJava() throws Exception {
        file("pom.xml", "<project/>");
        file("system.properties", "java.runtime.version=99\n");
        file("mvnw", """
                echo "args: $*"
                mkdir -p target
                """);
        jar(src().resolve("target/app-1.0.jar"), Map.of("Main-Class", "app.Main"));
        jar(src().resolve("target/app-1.0-sources.jar"), Map.of());

        Map<String, String> types = new MavenBuildpack().build(context());

        int host = HostTools.javaMajor().getAsInt();
        assertThat(log).contains("       warning: system.properties java.runtime.version asks for Java 99 but the build's JDK is Java "
                + host + "; building and running with Java " + host);
        assertThat(log).contains("-----> Building with sh mvnw -B -ntp -Dstyle.color=never -DskipTests package",
                "       args: -B -ntp -Dstyle.color=never -DskipTests -Dmaven.repo.local=" + tmp.resolve("cache/m2") + " package");
        assertThat(types).containsExactly(entry("web", "java -Dserver.port=$PORT -jar target/app-1.0.jar"));
    }

    @Test
    void keepsTheJvmsWarningsAboutMavensLibrariesOutOfTheBuildOutput() throws Exception {
        assertThat(MavenBuildpack.mavenOpts(java.util.OptionalInt.of(21))).isEmpty();
        assertThat(MavenBuildpack.mavenOpts(java.util.OptionalInt.empty())).isEmpty();
        String opts = MavenBuildpack.mavenOpts(java.util.OptionalInt.of(25)).get("MAVEN_OPTS");
        assertThat(opts).isEqualTo("--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow");

        file("pom.xml", "<project/>");
        file("mvnw", """
                echo "opts: $MAVEN_OPTS"
                mkdir -p target
                """);
        new MavenBuildpack().build(context());

        int jdk = HostTools.javaMajor().getAsInt();
        assertThat(log).contains("       opts: " + (jdk >= 23 ? opts : ""));
    }

    @Test
    void warnsWhenPackageJsonAsksForANodeTheHostDoesNotHave() throws Exception {
        file("package.json", "{\"name\": \"x\", \"version\": \"1.0.0\", \"private\": true, \"engines\": {\"node\": \"<10\"}}");

        new NodeBuildpack().build(context());

        assertThat(log).anyMatch(l -> l.startsWith("       warning: package.json engines.node asks for <10 but the host's node is v")
                && l.endsWith("; building and running with " + HostTools.nodeVersion().orElseThrow()));
    }

    @Test
    void keepsTheBuildCacheOutsideTheWorkDirectory() throws Exception {
        assertThatThrownBy(() -> new BuildContext(src(), log::add, Instant.now(), src().resolve("cache")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain each other");
    }
}
