package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.testing.PlatformExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buildpacks work inside the build sandbox (the app's uid, the work directory at /app, the cache at /cache,
 * {@code HOME} in the cache): the examples pushed with the real git client build with the host's npm (from the
 * registry), Maven (from Maven Central) and python3, and their slugs run and answer through the router.
 */
class SandboxedBuildpacksTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(dir -> {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap (bwrap) is not installed");
        return new RuntimePlatform(dir);
    });

    @TempDir
    Path work;

    private RuntimePlatform ferry;

    @BeforeEach
    void prepare() throws Exception {
        ferry = platform.get();
        assumeTrue(ferry.platform.runtime().orElseThrow().sandboxed(), "builds are sandboxed only with bubblewrap");
    }

    private Git example(String name) throws IOException {
        Git git = new Git(work.resolve(name), work.resolve("home")).init();
        Path from = EXAMPLES.resolve(name);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = from.relativize(p).toString();
                if (!rel.startsWith("node_modules") && !rel.startsWith("target")) {
                    git.write(rel, Files.readString(p));
                }
            }
        }
        git.commit(name);
        return git;
    }

    private void pushAndExpect(String app, Git git, String answer) throws Exception {
        ferry.createApp(app);
        List<String> args = new ArrayList<>(List.of(Git.tokenHelper(ferry.token)));
        args.addAll(List.of("push", ferry.remote(app), "main"));
        Git.Result pushed = git.run(args.toArray(String[]::new));
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> ferry.up(app, "web") == 1);
        assertThat(ferry.admin.viaRouter(app + ".localhost", "/").body()).contains(answer);
    }

    @Test
    void buildsAndRunsTheNodeExample() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/npm")), "npm is not installed");
        pushAndExpect("node", example("node-express"), "Hello from Ferry");
    }

    @Test
    void buildsAndRunsTheMavenExample() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mvn")), "Maven is not installed");
        pushAndExpect("maven", example("java-maven"), "Hello from Ferry");
    }

    @Test
    void buildsAndRunsAPythonAppInAVirtualenv() throws Exception {
        Git git = new Git(work.resolve("py"), work.resolve("home")).init()
                .write("requirements.txt", "# the standard library is enough\n")
                .write("app.py", PythonApp.SERVER.replace("os.path.join(HERE, \"version.txt\")", "\"/dev/null\""));
        git.commit("python");
        pushAndExpect("python", git, "hello");
    }

    @Test
    void buildsAndRunsTheStaticExample() throws Exception {
        pushAndExpect("site", example("static"), "Hello from Ferry");
    }
}
