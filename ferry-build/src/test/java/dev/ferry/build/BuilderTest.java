package dev.ferry.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.build.buildpack.StaticSiteBuildpack;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderTest {

    @TempDir
    Path tmp;

    private BuildOutcome build(TestRepo repo, String commit, List<String> log) throws BuildFailed {
        Builder builder = Builder.of(BuildConfig.in(tmp.resolve("data")));
        return builder.build(repo.repository(), new BuildRequest(AppName.of("hello"), commit, "main", new UserId(1)), log::add);
    }

    private static String listing(Path slug) throws Exception {
        Process tar = new ProcessBuilder("tar", "-tzf", slug.toString()).redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void buildsAStaticSiteWithTheBuiltInFileServer() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String commit = repo.write("index.html", "<h1>hello</h1>").commit("site");
            List<String> log = new ArrayList<>();

            BuildOutcome outcome = build(repo, commit, log);

            assertThat(log).contains("-----> Static site app detected", "       Default types for Static site -> web");
            assertThat(outcome.buildpack()).isEqualTo("Static site");
            assertThat(outcome.processTypes()).containsExactly(entry("web", StaticSiteBuildpack.WEB_COMMAND));
            Path slug = tmp.resolve("data/slugs/" + outcome.slugId() + ".tar.gz");
            assertThat(listing(slug)).contains("index.html", StaticSiteBuildpack.SERVER_FILE);
            try (var builds = Files.list(tmp.resolve("data/builds"))) {
                assertThat(builds).isEmpty();
            }
        }
    }

    @Test
    void letsTheProcfileOverrideADefaultType() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String commit = repo.write("index.html", "<h1>hello</h1>").write(".buildpacks", "static\n")
                    .write("Procfile", "web: ./custom\nclock: ./tick\n").commit("site");
            BuildOutcome outcome = build(repo, commit, new ArrayList<>());
            assertThat(outcome.processTypes()).containsExactly(entry("web", "./custom"), entry("clock", "./tick"));
        }
    }

    @Test
    void removesWorkDirectoriesLeftByAnInterruptedProcess() throws Exception {
        Path leftover = Files.createDirectories(tmp.resolve("data/builds/hello-1234567-1-1/src/node_modules"));
        Files.writeString(leftover.resolve("x.js"), "x");
        Files.createSymbolicLink(leftover.resolve("outside"), tmp.resolve("keep"));
        Files.writeString(tmp.resolve("keep"), "kept");

        Builder.of(BuildConfig.in(tmp.resolve("data"))).removeLeftoverWorkDirs();

        assertThat(tmp.resolve("data/builds")).doesNotExist();
        assertThat(tmp.resolve("keep")).hasContent("kept");
    }

    @Test
    void failsAProcfileWithoutProcessTypes() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String commit = repo.write("Procfile", "# later\n").commit("empty");
            assertThatThrownBy(() -> build(repo, commit, new ArrayList<>()))
                    .isInstanceOf(BuildFailed.class).hasMessage("Procfile declares no process types");
            try (var builds = Files.list(tmp.resolve("data/builds"))) {
                assertThat(builds).isEmpty();
            }
        }
    }

    @Test
    void namesTheLineOfAMalformedPackageJson() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String commit = repo.write("package.json", "{\n  \"name\": \"app\",\n  \"scripts\": {,}\n}\n").commit("node");
            List<String> log = new ArrayList<>();
            assertThatThrownBy(() -> build(repo, commit, log))
                    .isInstanceOf(BuildFailed.class).hasMessageStartingWith("package.json line 3 column");
            assertThat(log).contains("-----> Node.js app detected");
        }
    }

    @Test
    void refusesTrailingContentInPackageJson() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String commit = repo.write("package.json", "{\n \"name\": \"x\",\n \"scripts\": {\n}}}\n").commit("node");
            assertThatThrownBy(() -> build(repo, commit, new ArrayList<>()))
                    .isInstanceOf(BuildFailed.class).hasMessageStartingWith("package.json line 4 column");
        }
    }

    @Test
    void buildsANodeAppWithNpmAndStreamsItsOutput() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String commit = repo.write("package.json", """
                    {"name": "app", "version": "1.0.0", "private": true,
                     "scripts": {"build": "node -e \\"require('fs').writeFileSync('built.txt', 'ok'); console.log('built it')\\"",
                                 "start": "node index.js"}}
                    """).write("index.js", "console.log('hi')\n").commit("node");
            List<String> log = new CopyOnWriteArrayList<>();

            BuildOutcome outcome = build(repo, commit, log);

            assertThat(log).contains("-----> Node.js app detected", "-----> Installing dependencies with npm install",
                    "-----> Running npm run build", "       built it");
            assertThat(outcome.processTypes()).containsExactly(entry("web", "npm start"));
            assertThat(listing(tmp.resolve("data/slugs/" + outcome.slugId() + ".tar.gz"))).contains("built.txt");
        }
    }

    @Test
    void refusesAProcfileTheBuildTurnedIntoALink() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.key"), "web: top-secret\n");
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String commit = repo.write("package.json", """
                    {"name": "app", "version": "1.0.0", "private": true,
                     "scripts": {"build": "rm Procfile && ln -s %s Procfile"}}
                    """.formatted(secret)).write("Procfile", "web: node index.js\n").commit("node");
            List<String> log = new CopyOnWriteArrayList<>();

            assertThatThrownBy(() -> build(repo, commit, log)).isInstanceOf(BuildFailed.class)
                    .hasMessage("the build replaced the Procfile with a symbolic link");
            assertThat(log).noneMatch(l -> l.contains("top-secret"));
        }
    }
}
