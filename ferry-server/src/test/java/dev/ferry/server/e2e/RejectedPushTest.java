package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dokku's push semantics with the real git client: the deploy runs before the ref moves, so a push whose
 * release does not go live exits non-zero, says why in its last {@code remote:} lines, leaves the branch and the
 * serving release as they were; and {@code app.json}'s {@code formation} decides what a first deploy runs.
 */
class RejectedPushTest {

    /** Answers 404 on every path, as an app whose startup check names a path it does not serve. */
    private static final String NOT_FOUND_SERVER = """
            import http.server, os

            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_error(404)

                def log_message(self, *args):
                    pass

            http.server.ThreadingHTTPServer(("", int(os.environ["PORT"])), Handler).serve_forever()
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(RuntimePlatform::new);

    @TempDir
    Path work;

    private RuntimePlatform ferry;

    @BeforeEach
    void prepare() throws Exception {
        ferry = platform.get();
        ferry.createApp("hello");
    }

    private String branchTip() throws Exception {
        Git.Result refs = new Git(work.resolve("probe"), work.resolve("home")).run(
                concat(Git.tokenHelper(ferry.token), "ls-remote", ferry.remote("hello"), "refs/heads/main"));
        return refs.output().strip().split("\\s+")[0];
    }

    private static String[] concat(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static List<String> remoteLines(String output) {
        return output.lines().filter(l -> l.startsWith("remote:")).toList();
    }

    @Test
    void refusesAPushWhoseStartupCheckFailsAndKeepsThePreviousReleaseServing() throws Exception {
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        Git.Result first = app.push(ferry.remote("hello"));
        assertThat(first.exit()).as(first.output()).isZero();
        String v1Commit = app.git().ok("rev-parse", "HEAD").output().strip();
        await().atMost(Duration.ofSeconds(30)).until(() -> ferry.up("hello", "web") == 1);

        app.git().write("server.py", NOT_FOUND_SERVER).write("app.json", """
                {"healthchecks": {"web": [{"type": "startup", "path": "/", "attempts": 2, "wait": 1, "timeout": 2}]}}
                """);
        app.git().commit("answers 404");
        Git.Result pushed = app.git().run(concat(Git.tokenHelper(ferry.token), "push", ferry.remote("hello"), "main"));

        assertThat(pushed.exit()).as(pushed.output()).isNotZero();
        assertThat(pushed.output()).contains("! [remote rejected] main -> main (deploy failed)")
                .doesNotContain("main -> main\n");
        List<String> remote = remoteLines(pushed.output());
        assertThat(remote.subList(Math.max(0, remote.size() - 3), remote.size())).anySatisfy(l -> assertThat(l)
                .contains("Deploy failed: web.1").contains("v1 keeps running"));
        assertThat(remote.getLast()).contains("Push rejected, failed to deploy hello v2");
        assertThat(branchTip()).isEqualTo(v1Commit);
        try (RequestLoop loop = new RequestLoop(ferry.platform.httpPort(), "hello.localhost", 1)) {
            loop.awaitServing("hello v1", Duration.ofSeconds(10));
        }

        JsonNode releases = ferry.json("/api/apps/hello/releases");
        assertThat(releases.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(releases.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(releases.get(0).get("failure").asText()).contains("web.1");
        JsonNode ps = ferry.json("/api/apps/hello/ps");
        assertThat(ps).singleElement().satisfies(p -> assertThat(p.get("release").asInt()).isEqualTo(1));
        CommandRunner.Result listed = ferry.cli(work.resolve("home")).run("releases", "-a", "hello");
        assertThat(listed.out()).containsPattern("v2 +Deploy [0-9a-f]{7} \\(.+\\) +failed");
    }

    @Test
    void runsAWorkerOnlyAppByItsAppJsonFormationAndLeavesLaterScalingToPsScale() throws Exception {
        Git git = new Git(work.resolve("worker"), work.resolve("home")).init()
                .write("Procfile", "web: sleep 600\nworker: /usr/bin/python3 -u worker.py\n")
                .write("worker.py", "import time\nprint('working', flush=True)\ntime.sleep(600)\n")
                .write("app.json", """
                        {
                          // Heroku's schema, as Dokku reads it: comments and trailing commas are fine
                          "name": "worker-only",
                          "formation": {"web": {"quantity": 0}, "worker": {"quantity": 1,},},
                        }
                        """);
        git.commit("worker only");

        Git.Result pushed = git.run(concat(Git.tokenHelper(ferry.token), "push", ferry.remote("hello"), "main"));

        assertThat(pushed.exit()).as(pushed.output()).isZero();
        assertThat(pushed.output()).contains("Scaling to app.json's formation: web=0 worker=1");
        Cli cli = ferry.cli(work.resolve("home"));
        JsonNode ps = JSON.readTree(cli.run("ps", "--json", "-a", "hello").out());
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.get("type").asText()).isEqualTo("worker");
            assertThat(p.get("state").asText()).isEqualTo("up");
            assertThat(p.has("cpuPercent") && p.has("memoryBytes")).as(p.toString()).isTrue();
            if (!p.get("memoryBytes").isNull()) { // measured where the runtime has cgroups
                assertThat(p.get("memoryBytes").asLong()).as(p.toString()).isPositive();
                assertThat(p.get("cpuPercent").asDouble()).as(p.toString()).isNotNegative();
            }
        });

        assertThat(cli.run("ps:scale", "worker=2", "-a", "hello").exit()).isZero();
        git.write("worker.py", "import time\nprint('working harder', flush=True)\ntime.sleep(600)\n").commit("v2");
        Git.Result again = git.run(concat(Git.tokenHelper(ferry.token), "push", ferry.remote("hello"), "main"));

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).doesNotContain("Scaling to app.json's formation");
        await().atMost(Duration.ofSeconds(20)).until(() -> ferry.up("hello", "worker") == 2);
        assertThat(ferry.up("hello", "web")).isZero();
    }
}
