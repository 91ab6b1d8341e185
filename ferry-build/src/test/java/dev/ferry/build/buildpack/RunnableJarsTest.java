package dev.ferry.build.buildpack;

import static dev.ferry.build.buildpack.LanguageBuildpacksTest.jar;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnableJarsTest {

    @TempDir
    Path dir;

    @Test
    void prefersASpringBootJarOverOtherRunnableJars() throws Exception {
        jar(dir.resolve("a-lib.jar"), Map.of());
        jar(dir.resolve("b-tool.jar"), Map.of("Main-Class", "b.Main"));
        jar(dir.resolve("c-app.jar"), Map.of("Main-Class", "org.springframework.boot.loader.launch.JarLauncher",
                "Start-Class", "c.App"));
        assertThat(RunnableJars.pick(dir)).contains("c-app.jar");
    }

    @Test
    void picksAJarWithAMainClassAndSkipsSourcesAndPlainJars() throws Exception {
        jar(dir.resolve("app-plain.jar"), Map.of("Main-Class", "x.Main"));
        jar(dir.resolve("app-sources.jar"), Map.of("Main-Class", "x.Main"));
        jar(dir.resolve("lib.jar"), Map.of());
        assertThat(RunnableJars.pick(dir)).isEmpty();
        jar(dir.resolve("app.jar"), Map.of("Main-Class", "x.Main"));
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        assertThat(RunnableJars.pick(dir)).contains("app.jar");
    }

    @Test
    void findsNothingWhenTheDirectoryIsMissing() throws Exception {
        assertThat(RunnableJars.pick(dir.resolve("target"))).isEmpty();
    }

    @Test
    void looksThroughNoLinkTheBuildMade() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/libs"));
        jar(elsewhere.resolve("secret-app.jar"), Map.of("Main-Class", "x.Main"));
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.createSymbolicLink(src.resolve("build"), dir.resolve("elsewhere"));
        Files.createSymbolicLink(src.resolve("target"), elsewhere);
        Files.createDirectories(src.resolve("out"));
        Files.createSymbolicLink(src.resolve("out/app.jar"), elsewhere.resolve("secret-app.jar"));

        assertThat(RunnableJars.pick(src, "build/libs")).isEmpty();
        assertThat(RunnableJars.pick(src, "target")).isEmpty();
        assertThat(RunnableJars.pick(src, "out")).isEmpty();
    }
}
