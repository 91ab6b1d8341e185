package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.store.AppName;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import dev.ferry.tunnel.gateway.TunnelAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Destroy means gone, tried with two users who are not admins and the real git client: after alice destroys
 * {@code legacy}, nothing of it is left on disk, and bob's new {@code legacy} clones empty. Names of other users'
 * tunnels cannot be taken through the CLI either.
 */
class DestroyedAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final PlatformExtension<Platform> started = PlatformExtension.starting(
            dir -> Platform.start(FerryConfig.ephemeral(dir)));

    @TempDir
    Path work;

    private Platform platform;
    private String alice;
    private String bob;

    @BeforeEach
    void start() throws Exception {
        platform = started.get();
        Api admin = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
        alice = JSON.readTree(admin.post("/api/users", "{\"email\":\"alice@example.com\"}").body()).get("token").asText();
        bob = JSON.readTree(admin.post("/api/users", "{\"email\":\"bob@example.com\"}").body()).get("token").asText();
    }

    private String remote(String app) {
        return "http://127.0.0.1:" + platform.apiPort() + "/git/" + app + ".git";
    }

    private Api as(String token) {
        return new Api(platform.apiPort(), platform.httpPort(), token);
    }

    @Test
    void aDestroyedAppLeavesNothingAndItsNameStartsEmptyForAnotherUser() throws Exception {
        assertThat(as(alice).post("/api/apps", "{\"name\":\"legacy\"}").statusCode()).isEqualTo(201);
        as(alice).patch("/api/apps/legacy/config", "{\"SECRET\":\"alice's\"}");
        as(alice).post("/api/apps/legacy/drains", "{\"url\":\"syslog://logs.example.com:514\"}");
        Git git = new Git(work.resolve("app"), work.resolve("home")).init()
                .write("Procfile", "web: ./server.sh\n")
                .write("server.sh", "#!/bin/sh\nexec /usr/bin/python3 -m http.server \"$PORT\"\n")
                .write("history.txt", "alice's secret history\n");
        Files.setPosixFilePermissions(git.dir().resolve("server.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        git.commit("alice's first commit");
        Git.Result pushed = git.run(concat(Git.tokenHelper(alice), "push", remote("legacy"), "main"));
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        JsonNode build = JSON.readTree(as(alice).get("/api/apps/legacy/builds").body()).get(0);
        String slug = JSON.readTree(as(alice).get("/api/apps/legacy/releases").body()).get(0).get("slugId").asText();
        Path repo = started.dataDir().resolve("repos/legacy.git");
        Path cache = started.dataDir().resolve("cache/legacy");
        Path buildLog = started.dataDir().resolve("build-logs/" + build.get("id").asText() + ".log");
        Path slugFile = started.dataDir().resolve("slugs/" + slug + ".tar.gz");
        assertThat(repo).isDirectory();
        assertThat(cache).isDirectory();
        assertThat(buildLog).isRegularFile();
        assertThat(slugFile).isRegularFile();

        assertThat(as(alice).delete("/api/apps/legacy").statusCode()).isEqualTo(204);
        assertThat(repo).doesNotExist();
        assertThat(cache).doesNotExist();
        assertThat(buildLog).doesNotExist();
        assertThat(slugFile).doesNotExist();
        // the log writer deletes the files on its own thread, after the lines queued before
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(started.dataDir().resolve("logs/legacy")).doesNotExist());

        assertThat(as(bob).post("/api/apps", "{\"name\":\"legacy\"}").statusCode()).isEqualTo(201);
        Git clone = new Git(work.resolve("clone"), work.resolve("home"));
        Git.Result cloned = clone.run(concat(Git.tokenHelper(bob), "clone", remote("legacy"), "copy"));
        assertThat(cloned.exit()).as(cloned.output()).isZero();
        assertThat(cloned.output()).contains("empty repository");
        try (Stream<Path> files = Files.list(clone.dir().resolve("copy"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".git");
        }
        assertThat(JSON.readTree(as(bob).get("/api/apps/legacy/config").body()).size()).isZero();
        assertThat(JSON.readTree(as(bob).get("/api/apps/legacy/drains").body()).size()).isZero();
        assertThat(JSON.readTree(as(bob).get("/api/apps/legacy/releases").body()).size()).isZero();
        assertThat(JSON.readTree(as(bob).get("/api/apps/legacy/builds").body()).size()).isZero();
    }

    @Test
    void aNewAppDoesNotInheritWhatAnEarlierAppOfItsNameLeftOnDisk() throws Exception {
        Path leftover = Files.createDirectories(started.dataDir().resolve("repos/old.git/objects"));
        Files.writeString(leftover.getParent().resolve("HEAD"), "ref: refs/heads/main\n");
        Files.createDirectories(started.dataDir().resolve("cache/old/node_modules"));

        assertThat(as(bob).post("/api/apps", "{\"name\":\"old\"}").statusCode()).isEqualTo(201);
        assertThat(started.dataDir().resolve("repos/old.git/objects")).doesNotExist();
        assertThat(started.dataDir().resolve("cache/old")).doesNotExist();
    }

    @Test
    void anotherUsersTunnelPreviewNameCannotBeTakenAsAnAppName() throws Exception {
        assertThat(as(alice).post("/api/apps", "{\"name\":\"alpha\"}").statusCode()).isEqualTo(201);
        String preview = TunnelAuth.previewHost(AppName.of("alpha"), platform.config().domain());
        String squat = preview.substring(0, preview.indexOf('.'));

        CommandRunner.Result refused = new Cli(platform.apiPort(), bob, work.resolve("home")).run("apps:create", squat);

        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("must not contain '--'");
        assertThat(platform.store().app(AppName.of(squat))).isEmpty();
        assertThat(platform.registry().table().route(preview)).isNull();
    }

    private static String[] concat(String[] first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
    }
}
