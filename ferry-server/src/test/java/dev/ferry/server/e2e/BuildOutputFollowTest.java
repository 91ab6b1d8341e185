package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/apps/<app>/builds/<id>/output} follows a running build: the Node.js app's build script waits
 * for a file in the app's build cache that the test creates only after reading the script's first line from the
 * API. Were the output held back until the build ends, the build would wait out its 60 s and fail.
 */
class BuildOutputFollowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void streamsARunningBuildsOutputThroughTheApiUntilItEnds() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            String token = platform.adminToken().token();
            Api api = new Api(platform.apiPort(), platform.httpPort(), token);
            api.post("/api/apps", "{\"name\":\"node\"}");
            // The build sees only its work directory and the app's cache (at the path npm_config_cache names).
            Path marker = dataDir.resolve("cache/node/npm/seen-by-the-reader");
            String script = "const fs = require('fs'); console.log('waiting for the reader');"
                    + " const marker = require('path').join(process.env.npm_config_cache, 'seen-by-the-reader');"
                    + " const end = Date.now() + 60000;"
                    + " while (!fs.existsSync(marker) && Date.now() < end) { require('child_process').execSync('sleep 0.1'); }"
                    + " if (!fs.existsSync(marker)) { console.log('nobody read the output'); process.exit(1); }"
                    + " console.log('the reader saw it');";
            Git git = new Git(work.resolve("app"), work.resolve("home")).init()
                    .write("package.json", "{\"name\": \"node-app\", \"version\": \"1.0.0\", \"private\": true,"
                            + " \"scripts\": {\"build\": \"node build.js\", \"start\": \"node index.js\"}}\n")
                    .write("build.js", script + "\n")
                    .write("index.js", "require('http').createServer((q, s) => s.end('hi')).listen(process.env.PORT);\n");
            git.commit("node app");
            List<String> push = new ArrayList<>(List.of(Git.tokenHelper(token)));
            push.addAll(List.of("push", "http://127.0.0.1:" + platform.apiPort() + "/git/node.git", "main"));
            // Its own thread: JGit measures the file system on the common pool, which a blocked push would hold.
            CompletableFuture<Git.Result> pushed = new CompletableFuture<>();
            Thread.ofPlatform().name("test-push").start(() -> pushed.complete(git.run(push.toArray(String[]::new))));

            String[] id = new String[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode builds = JSON.readTree(api.get("/api/apps/node/builds").body());
                if (builds.isEmpty() || !builds.get(0).get("status").asText().equals("running")) {
                    return false;
                }
                id[0] = builds.get(0).get("id").asText();
                return true;
            });

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + platform.apiPort() + "/api/apps/node/builds/" + id[0] + "/output"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(90)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            StringBuilder read = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    read.append(line).append('\n');
                    if (line.contains("waiting for the reader")) {
                        Files.writeString(marker, "seen");
                    }
                }
            }

            assertThat(read.toString()).contains("-----> Node.js app detected", "       the reader saw it");
            Git.Result result = pushed.get(120, TimeUnit.SECONDS);
            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(JSON.readTree(api.get("/api/apps/node/builds/" + id[0]).body()).get("status").asText())
                    .isEqualTo("succeeded");
        }
    }
}
