package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.UserId;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.store.sql.SqliteStore;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build queue seen from outside: every push's build is listed and its output kept for the CLI; a build
 * queued when Ferry stopped runs after the next start and one that was running is failed; a push over the
 * size limit is refused and changes nothing.
 */
class BuildsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private static String remote(Platform platform, String app) {
        return "http://127.0.0.1:" + platform.apiPort() + "/git/" + app + ".git";
    }

    private static Git.Result push(Git git, String token, String... args) {
        List<String> all = new ArrayList<>(List.of(Git.tokenHelper(token)));
        all.add("push");
        all.addAll(List.of(args));
        return git.run(all.toArray(String[]::new));
    }

    private Git procfileApp() throws Exception {
        Git app = new Git(work.resolve("app"), work.resolve("home")).init()
                .write("Procfile", "web: ./server.sh\n")
                .write("server.sh", "#!/bin/sh\nexec /usr/bin/python3 -m http.server \"$PORT\"\n");
        Files.setPosixFilePermissions(app.dir().resolve("server.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return app;
    }

    @Test
    void listsEveryPushsBuildAndKeepsItsOutputForTheCli() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            String token = platform.adminToken().token();
            new Api(platform.apiPort(), platform.httpPort(), token).post("/api/apps", "{\"name\":\"hello\"}");
            Git git = procfileApp();
            String commit = git.commit("first");
            assertThat(push(git, token, remote(platform, "hello"), "main").exit()).isZero();
            git.write("Procfile", "web: ./server.sh\nthis line has no colon\n");
            git.commit("broken");
            assertThat(push(git, token, remote(platform, "hello"), "main").exit()).isNotZero();

            Cli cli = new Cli(platform.apiPort(), token, work.resolve("cli-home"));
            CommandRunner.Result listed = cli.run("builds", "-a", "hello", "--json");
            assertThat(listed.exit()).as(listed.err()).isZero();
            JsonNode builds = JSON.readTree(listed.out());
            assertThat(builds).hasSize(2);
            assertThat(builds.get(0).get("status").asText()).isEqualTo("failed");
            assertThat(builds.get(0).get("failure").asText()).contains("Procfile line 2");
            assertThat(builds.get(1).get("status").asText()).isEqualTo("succeeded");
            assertThat(builds.get(1).get("commit").asText()).isEqualTo(commit);
            assertThat(builds.get(1).get("buildpack").asText()).isEqualTo("Procfile");
            assertThat(builds.get(1).get("release").asInt()).isEqualTo(1);
            assertThat(cli.run("builds", "-a", "hello").out()).contains("succeeded (v1)", commit.substring(0, 7));

            CommandRunner.Result output = cli.run("builds:output", builds.get(1).get("id").asText(), "-a", "hello");
            assertThat(output.exit()).as(output.err()).isZero();
            assertThat(output.out()).contains("-----> Building hello from main (" + commit.substring(0, 7) + ")",
                    "-----> Procfile app detected", "-----> Released v1 (Deploy " + commit.substring(0, 7) + ")");
            assertThat(cli.run("builds:output", builds.get(0).get("id").asText(), "-a", "hello").out())
                    .contains(" !     Procfile line 2: expected 'type: command'");
            try (var left = Files.list(dataDir.resolve("builds"))) {
                assertThat(left).as("work directories are removed").isEmpty();
            }
        }
    }

    @Test
    void runsABuildQueuedBeforeARestartAndFailsTheOneThatWasRunning() throws Exception {
        String token;
        String commit;
        String other;
        Git git = procfileApp();
        try (Platform first = Platform.start(FerryConfig.ephemeral(dataDir))) {
            token = first.adminToken().token();
            new Api(first.apiPort(), first.httpPort(), token).post("/api/apps", "{\"name\":\"hello\"}");
            other = git.commit("older");
            commit = git.commit("queued when Ferry stopped");
            // The objects reach the repository as they did for a push whose build was still waiting.
            assertThat(push(git, token, remote(first, "hello"), "main:refs/heads/parked").exit()).isZero();
        }
        Build queued;
        Build running;
        try (SqliteStore store = SqliteStore.openInDataDir(dataDir)) {
            UserId admin = store.authenticate(token).orElseThrow().id();
            running = store.enqueueBuild(AppName.of("hello"), other, "main", admin);
            store.startBuild(running.id());
            queued = store.enqueueBuild(AppName.of("hello"), commit, "main", admin);
        }

        try (Platform second = Platform.start(FerryConfig.ephemeral(dataDir))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.store().build(AppName.of("hello"), queued.id())
                    .flatMap(Build::releaseVersion).isPresent());
            Build done = second.store().build(AppName.of("hello"), queued.id()).orElseThrow();
            assertThat(done.status()).isEqualTo(BuildStatus.SUCCEEDED);
            assertThat(second.store().currentRelease(AppName.of("hello")).orElseThrow().description())
                    .isEqualTo("Deploy " + commit.substring(0, 7));
            assertThat(dataDir.resolve("repos/hello.git/refs/heads/main")).hasContent(commit);
            Build interrupted = second.store().build(AppName.of("hello"), running.id()).orElseThrow();
            assertThat(interrupted.status()).isEqualTo(BuildStatus.FAILED);
            assertThat(interrupted.failure()).contains("interrupted by a restart of Ferry");

            Cli cli = new Cli(second.apiPort(), token, work.resolve("cli-home"));
            assertThat(cli.run("builds:output", queued.id().toString(), "-a", "hello").out())
                    .contains("queued again after a restart of Ferry", "-----> Released v1");
            git.write("Procfile", "web: ./server.sh --v2\n");
            git.commit("after the restart");
            Git.Result next = push(git, token, remote(second, "hello"), "main");
            assertThat(next.exit()).as(next.output()).isZero();
            assertThat(next.output()).contains("-----> Released v2");
        }
    }

    @Test
    void refusesAPushOverTheSizeLimitAndChangesNothing() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir).withMaxPushBytes(16 * 1024))) {
            String token = platform.adminToken().token();
            new Api(platform.apiPort(), platform.httpPort(), token).post("/api/apps", "{\"name\":\"hello\"}");
            Git git = procfileApp();
            byte[] noise = new byte[256 * 1024];
            new Random(42).nextBytes(noise);
            Files.write(git.dir().resolve("noise.bin"), noise);
            git.commit("too big");

            Git.Result pushed = push(git, token, remote(platform, "hello"), "main");

            assertThat(pushed.exit()).isNotZero();
            assertThat(pushed.output()).contains("remote:  !     Push rejected: it is larger than this Ferry's limit of 16 KiB");
            assertThat(dataDir.resolve("repos/hello.git/refs/heads/main")).doesNotExist();
            assertThat(platform.store().releases(AppName.of("hello"), dev.ferry.core.store.Page.FIRST).items()).isEmpty();
            assertThat(platform.store().builds(AppName.of("hello"), dev.ferry.core.store.Page.FIRST).items()).isEmpty();
        }
    }
}
