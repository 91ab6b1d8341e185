package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.PlatformExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git push} over HTTP with the real git client against a running platform: a Procfile-only app is
 * built and released; a broken Procfile, another branch, a bad token and someone else's app are not.
 */
class GitPushTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final PlatformExtension<Platform> started = PlatformExtension.starting(
            dir -> Platform.start(FerryConfig.ephemeral(dir)));

    @TempDir
    Path work;

    private Platform platform;
    private Api admin;
    private String adminToken;

    @BeforeEach
    void start() throws Exception {
        platform = started.get();
        adminToken = platform.adminToken().token();
        admin = new Api(platform.apiPort(), platform.httpPort(), adminToken);
        assertThat(admin.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    private String remote(String app) {
        return "http://127.0.0.1:" + platform.apiPort() + "/git/" + app + ".git";
    }

    private Git.Result push(Git git, String token, String... args) {
        List<String> all = new ArrayList<>(List.of(Git.tokenHelper(token)));
        all.add("push");
        all.addAll(List.of(args));
        return git.run(all.toArray(String[]::new));
    }

    private List<String> releaseDescriptions(String app) throws Exception {
        JsonNode releases = JSON.readTree(admin.get("/api/apps/" + app + "/releases").body());
        List<String> out = new ArrayList<>();
        releases.forEach(r -> out.add(r.get("description").asText() + " " + r.get("status").asText()));
        return out;
    }

    /** A Procfile app whose {@code ./server.sh} serves its directory on {@code $PORT}, so that its deploy succeeds. */
    private Git procfileApp(String procfile) throws Exception {
        Git git = new Git(work.resolve("app"), work.resolve("home")).init()
                .write("Procfile", procfile)
                .write("server.sh", "#!/bin/sh\nexec /usr/bin/python3 -m http.server \"$PORT\"\n");
        Files.setPosixFilePermissions(git.dir().resolve("server.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return git;
    }

    @Test
    void deploysAProcfileAppPushedToMainAndListsItsRelease() throws Exception {
        Git git = procfileApp("# the web process\nweb: ./server.sh\n\nworker: sleep 1000\n");
        String commit = git.commit("first");

        Git.Result pushed = push(git, adminToken, remote("hello"), "main");

        assertThat(pushed.exit()).as(pushed.output()).isZero();
        assertThat(pushed.output())
                .contains("remote: -----> Procfile app detected")
                .contains("remote:        Procfile declares types -> web, worker")
                .contains("remote: -----> Released v1 (Deploy " + commit.substring(0, 7) + ")");
        assertThat(releaseDescriptions("hello")).containsExactly("Deploy " + commit.substring(0, 7) + " succeeded");
        JsonNode release = JSON.readTree(admin.get("/api/apps/hello/releases").body()).get(0);
        assertThat(started.dataDir().resolve("slugs").resolve(release.get("slugId").asText() + ".tar.gz")).isRegularFile();
        assertThat(started.dataDir().resolve("repos/hello.git/refs/heads/main")).hasContent(commit);
        try (Stream<Path> builds = Files.list(started.dataDir().resolve("builds"))) {
            assertThat(builds).as("work directories are removed").isEmpty();
        }

        git.write("Procfile", "web: ./server.sh --v2\n");
        git.ok("commit", "-q", "-a", "--amend", "-m", "rewritten");
        String amended = git.ok("rev-parse", "HEAD").output().strip();
        Git.Result forced = push(git, adminToken, "--force", remote("hello"), "main");
        assertThat(forced.exit()).as(forced.output()).isZero();
        assertThat(releaseDescriptions("hello")).containsExactly("Deploy " + amended.substring(0, 7) + " succeeded",
                "Deploy " + commit.substring(0, 7) + " succeeded");
    }

    @Test
    void buildsAnAppJsonWithCommentsAndTrailingCommas() throws Exception {
        Git git = procfileApp("web: ./server.sh\n").write("app.json", """
                {
                  // Dokku's python test app has comments like this one
                  "name": "commented", /* and this one */
                  "buildpacks": [{"url": "heroku/procfile"},],
                }
                """);
        git.commit("app.json with comments");

        Git.Result pushed = push(git, adminToken, remote("hello"), "main");

        assertThat(pushed.exit()).as(pushed.output()).isZero();
        assertThat(pushed.output()).contains("remote: -----> Procfile app detected").contains("Released v1");
    }

    @Test
    void refusesAPushWhoseProcfileIsBrokenAndReleasesNothing() throws Exception {
        Git git = procfileApp("web: ./server.sh\nthis line has no colon\n");
        git.commit("broken");

        Git.Result pushed = push(git, adminToken, remote("hello"), "main");

        assertThat(pushed.exit()).isNotZero();
        assertThat(pushed.output())
                .contains("remote: -----> Procfile app detected")
                .contains("Procfile line 2: expected 'type: command', found 'this line has no colon'")
                .contains("! [remote rejected] main -> main (build failed)");
        assertThat(releaseDescriptions("hello")).isEmpty();
        assertThat(started.dataDir().resolve("repos/hello.git/refs/heads/main")).doesNotExist();
    }

    @Test
    void refusesAnUppercaseProcessTypeBeforeTheBranchMoves() throws Exception {
        Git git = procfileApp("web: ./server.sh\nWorker: sleep 1000\n");
        git.commit("uppercase type");

        Git.Result pushed = push(git, adminToken, remote("hello"), "main");

        assertThat(pushed.exit()).as(pushed.output()).isNotZero();
        assertThat(pushed.output())
                .contains("Procfile line 2: 'Worker' is not a process type name: use 1 to 63 lowercase letters, digits,"
                        + " '-' and '_'")
                .contains("! [remote rejected] main -> main (build failed)");
        assertThat(releaseDescriptions("hello")).isEmpty();
        assertThat(started.dataDir().resolve("repos/hello.git/refs/heads/main")).doesNotExist();
    }

    @Test
    void keepsOtherBranchesWithoutDeployingThem() throws Exception {
        Git git = procfileApp("web: ./server.sh\n");
        String commit = git.commit("feature work");

        Git.Result pushed = push(git, adminToken, remote("hello"), "main:feature");

        assertThat(pushed.exit()).as(pushed.output()).isZero();
        assertThat(pushed.output()).contains("remote: Branch feature kept; only pushes to main or master are deployed.")
                .doesNotContain("app detected");
        assertThat(releaseDescriptions("hello")).isEmpty();
        assertThat(started.dataDir().resolve("repos/hello.git/refs/heads/feature")).hasContent(commit);
    }

    @Test
    void packsTheSameTreeIntoTheSameSlug() throws Exception {
        Git git = procfileApp("web: ./server.sh\n");
        git.commit("first");
        assertThat(push(git, adminToken, remote("hello"), "main").exit()).isZero();
        git.commit("same tree, new commit");
        assertThat(push(git, adminToken, remote("hello"), "main").exit()).isZero();

        JsonNode releases = JSON.readTree(admin.get("/api/apps/hello/releases").body());
        assertThat(releases).hasSize(2);
        assertThat(releases.get(0).get("slugId").asText()).isEqualTo(releases.get(1).get("slugId").asText());
        try (Stream<Path> slugs = Files.list(started.dataDir().resolve("slugs"))) {
            assertThat(slugs.filter(p -> p.toString().endsWith(".tar.gz"))).hasSize(1);
        }
    }

    @Test
    void refusesABadTokenAnUnknownAppAndAnotherUsersApp() throws Exception {
        Git git = procfileApp("web: ./server.sh\n");
        git.commit("first");

        Git.Result badToken = push(git, "not-a-token", remote("hello"), "main");
        assertThat(badToken.exit()).isNotZero();
        assertThat(badToken.output()).contains("Authentication failed");

        Git.Result unknown = push(git, adminToken, remote("nosuchapp"), "main");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("There is no app named nosuchapp");

        JsonNode bob = JSON.readTree(admin.post("/api/users", "{\"email\":\"bob@example.com\"}").body());
        String bobToken = bob.get("token").asText();
        Git.Result forbidden = push(git, bobToken, remote("hello"), "main");
        assertThat(forbidden.exit()).isNotZero();
        assertThat(forbidden.output()).contains("There is no app named hello");
        Git.Result cloneForbidden = new Git(work.resolve("clone"), work.resolve("home"))
                .run(concat(Git.tokenHelper(bobToken), "clone", remote("hello"), "copy"));
        assertThat(cloneForbidden.exit()).isNotZero();
        assertThat(cloneForbidden.output()).contains("There is no app named hello");

        assertThat(releaseDescriptions("hello")).isEmpty();
    }

    @Test
    void clonesWhatWasPushed() throws Exception {
        Git git = procfileApp("web: ./server.sh\n");
        String commit = git.commit("first");
        assertThat(push(git, adminToken, remote("hello"), "main").exit()).isZero();

        Git clone = new Git(work.resolve("clone"), work.resolve("home"));
        clone.ok(concat(Git.tokenHelper(adminToken), "clone", "-q", remote("hello"), "copy"));
        assertThat(clone.dir().resolve("copy/Procfile")).hasContent("web: ./server.sh\n");
        assertThat(new Git(clone.dir().resolve("copy"), work.resolve("home")).ok("rev-parse", "HEAD").output().strip())
                .isEqualTo(commit);
    }

    private static String[] concat(String[] first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
    }
}
