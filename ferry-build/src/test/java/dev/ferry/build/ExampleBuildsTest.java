package dev.ferry.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds each app in {@code examples/} with the real tools of the host (npm from the registry, mvn from Maven
 * Central, python3), then unpacks the slug elsewhere and runs its web process from there.
 */
class ExampleBuildsTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Builder builder() {
        return Builder.of(BuildConfig.in(tmp.resolve("data")));
    }

    private String commitExample(TestRepo repo, String name) throws Exception {
        Path from = EXAMPLES.resolve(name);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = from.relativize(p).toString();
                if (rel.startsWith("node_modules") || rel.startsWith("target")) {
                    continue;
                }
                Path to = repo.dir().resolve(rel);
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        return repo.commit(name);
    }

    private BuildOutcome build(Builder builder, TestRepo repo, String commit, List<String> log) throws BuildFailed {
        return builder.build(repo.repository(), new BuildRequest(AppName.of("hello"), commit, "main", new UserId(1)), log::add);
    }

    private Path unpacked(BuildOutcome outcome, String dir) throws Exception {
        return SlugRun.unpack(tmp.resolve("data/slugs/" + outcome.slugId() + ".tar.gz"), tmp.resolve(dir));
    }

    @Test
    void buildsAndRunsTheProcfileExampleWithoutABuildStep() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            List<String> log = new CopyOnWriteArrayList<>();
            BuildOutcome outcome = build(builder(), repo, commitExample(repo, "procfile"), log);

            assertThat(outcome.buildpack()).isEqualTo("Procfile");
            assertThat(outcome.processTypes()).containsExactly(entry("web", "python3 server.py"));
            assertThat(SlugRun.getRoot(unpacked(outcome, "app"), outcome.processTypes().get("web")))
                    .isEqualTo("Hello from Ferry\n");
        }
    }

    @Test
    void buildsAndRunsTheStaticExample() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            BuildOutcome outcome = build(builder(), repo, commitExample(repo, "static"), new CopyOnWriteArrayList<>());

            assertThat(outcome.buildpack()).isEqualTo("Static site");
            assertThat(SlugRun.getRoot(unpacked(outcome, "app"), outcome.processTypes().get("web")))
                    .contains("Hello from Ferry");
        }
    }

    @Test
    void buildsTheNodeExampleWithNpmCiAndReusesTheNpmCacheOnTheNextBuild() throws Exception {
        Builder builder = builder();
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String commit = commitExample(repo, "node-express");
            List<String> first = new CopyOnWriteArrayList<>();

            BuildOutcome outcome = build(builder, repo, commit, first);

            assertThat(first).contains("-----> Node.js app detected", "-----> Installing dependencies with npm ci",
                    "       Starting an empty npm cache");
            assertThat(outcome.processTypes()).containsExactly(entry("web", "npm start"));
            Path npmCache = tmp.resolve("data/cache/hello/npm");
            assertThat(fileCount(npmCache)).isGreaterThan(50);
            assertThat(SlugRun.getRoot(unpacked(outcome, "app"), "npm start")).isEqualTo("Hello from Ferry\n");

            List<String> second = new CopyOnWriteArrayList<>();
            String again = repo.write("CHANGES", "second push\n").commit("second");
            BuildOutcome rebuilt = build(builder, repo, again, second);

            assertThat(second).contains("       Reusing the npm cache from earlier builds");
            assertThat(second).anyMatch(l -> l.matches(" +added \\d+ packages.*"));
            assertThat(rebuilt.slugId()).isNotEqualTo(outcome.slugId());
            assertThat(tmp.resolve("data/builds")).isEmptyDirectory();
        }
    }

    @Test
    void buildsTheMavenExampleIntoARunnableJarStartedFromTheAppDirectory() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            List<String> log = new CopyOnWriteArrayList<>();

            BuildOutcome outcome = build(builder(), repo, commitExample(repo, "java-maven"), log);

            assertThat(log).contains("-----> Java (Maven) app detected", "       Runnable jar: target/hello-1.0.0.jar");
            assertThat(outcome.processTypes())
                    .containsExactly(entry("web", "java -Dserver.port=$PORT -jar target/hello-1.0.0.jar"));
            assertThat(fileCount(tmp.resolve("data/cache/hello/m2"))).isGreaterThan(10);
            assertThat(SlugRun.getRoot(unpacked(outcome, "app"), outcome.processTypes().get("web")))
                    .isEqualTo("Hello from Ferry\n");
        }
    }

    private static long fileCount(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
