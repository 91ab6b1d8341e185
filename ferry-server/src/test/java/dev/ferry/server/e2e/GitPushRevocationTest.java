package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.UserId;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collaborator's {@code git push} over HTTP whose access is removed while its build runs is refused within 2 s,
 * before its branch moves: the real git client reports the ref rejected ({@code access revoked}), the repository
 * keeps no {@code main}, and nothing is released. The collaborator's follow of the build's output over the API
 * ends within 2 s too, with a last line giving the reason.
 */
class GitPushRevocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void refusesAPushWhoseAccessWentWhileItWasBuilt() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            String adminToken = platform.adminToken().token();
            Api admin = new Api(platform.apiPort(), platform.httpPort(), adminToken);
            assertThat(admin.post("/api/apps", "{\"name\":\"node\"}").statusCode()).isEqualTo(201);
            UserId adminId = platform.store().userByEmail("admin@localhost").orElseThrow().id();
            NewUser bob = platform.store().createUser("bob@example.com", false, adminId);
            platform.store().addCollaborator(AppName.of("node"), "bob@example.com", adminId);

            Git git = new Git(work.resolve("app"), work.resolve("home")).init()
                    .write("package.json", "{\"name\": \"node-app\", \"version\": \"1.0.0\", \"private\": true,"
                            + " \"scripts\": {\"build\": \"node build.js\", \"start\": \"node index.js\"}}\n")
                    .write("build.js", "console.log('building'); require('child_process').execSync('sleep 8');\n")
                    .write("index.js", "console.log('hi')\n");
            git.commit("node app");
            List<String> push = new ArrayList<>(List.of(Git.tokenHelper(bob.firstToken().secret())));
            push.addAll(List.of("push", "http://127.0.0.1:" + platform.apiPort() + "/git/node.git", "main"));
            CompletableFuture<Git.Result> pushed = new CompletableFuture<>();
            Thread.ofPlatform().name("test-push").start(() -> pushed.complete(git.run(push.toArray(String[]::new))));
            String[] build = new String[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode builds = JSON.readTree(admin.get("/api/apps/node/builds").body());
                if (builds.isEmpty() || !builds.get(0).get("status").asText().equals("running")) {
                    return false;
                }
                build[0] = builds.get(0).get("id").asText();
                return true;
            });
            try (StreamedLines output = StreamedLines.open(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + platform.apiPort() + "/api/apps/node/builds/" + build[0] + "/output"))
                    .header("Authorization", "Bearer " + bob.firstToken().secret()).GET())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> output.lines().stream().anyMatch(l -> l.contains("building")));

                long revokedAt = System.nanoTime();
                assertThat(admin.delete("/api/apps/node/collaborators/bob@example.com").statusCode()).isEqualTo(204);

                await().atMost(Duration.ofSeconds(5)).until(output::ended);
                assertThat(Duration.ofNanos(output.endedAtNanos() - revokedAt)).isLessThan(Duration.ofSeconds(2));
                assertThat(output.lines().getLast()).isEqualTo(" !     Output closed: access to node was removed");
                assertPushRefused(pushed, revokedAt, admin, git, adminToken, platform.apiPort());
            }
        }
    }

    /** The push ended within 2 s of the revocation, refused, with no {@code main} in the repository and no release. */
    private static void assertPushRefused(CompletableFuture<Git.Result> pushed, long revokedAt, Api admin, Git git,
                                          String adminToken, int apiPort) throws Exception {
        Git.Result result = pushed.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("Push rejected: access to node was removed", "(access revoked)");
        assertThat(JSON.readTree(admin.get("/api/apps/node/releases").body())).isEmpty();
        List<String> lsRemote = new ArrayList<>(List.of(Git.tokenHelper(adminToken)));
        lsRemote.addAll(List.of("ls-remote", "http://127.0.0.1:" + apiPort + "/git/node.git"));
        Git.Result refs = git.run(lsRemote.toArray(String[]::new));
        assertThat(refs.exit()).as(refs.output()).isZero();
        assertThat(refs.output()).doesNotContain("refs/heads/main");
    }
}
