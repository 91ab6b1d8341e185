package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's output reaches the pusher while the build runs: the Node.js app's build script waits for a
 * file in the app's build cache that the test creates only after it has read the script's first line from
 * {@code git push}. Were the output held back until the push ends, the build would wait out its 60 s and fail.
 */
class BuildOutputStreamingTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void streamsBuildOutputToThePusherWhileTheBuildRuns() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            String token = platform.adminToken().token();
            new Api(platform.apiPort(), platform.httpPort(), token).post("/api/apps", "{\"name\":\"node\"}");
            // The build sees only its work directory and the app's cache (at the path npm_config_cache names).
            Path marker = dataDir.resolve("cache/node/npm/seen-by-the-test");
            String script = "const fs = require('fs'); console.log('waiting for the pusher');"
                    + " const marker = require('path').join(process.env.npm_config_cache, 'seen-by-the-test');"
                    + " const end = Date.now() + 60000;"
                    + " while (!fs.existsSync(marker) && Date.now() < end) { require('child_process').execSync('sleep 0.1'); }"
                    + " if (!fs.existsSync(marker)) { console.log('nobody saw the output'); process.exit(1); }"
                    + " console.log('the pusher saw it');";
            Git git = new Git(work.resolve("app"), work.resolve("home")).init()
                    .write("package.json", "{\"name\": \"node-app\", \"version\": \"1.0.0\", \"private\": true,"
                            + " \"scripts\": {\"build\": \"node build.js\", \"start\": \"node index.js\"}}\n")
                    .write("build.js", script + "\n")
                    .write("index.js", "require('http').createServer((req, res) => res.end('hi')).listen(process.env.PORT)\n");
            git.commit("node app");

            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(Git.tokenHelper(token)));
            command.addAll(List.of("push", "--progress", "http://127.0.0.1:" + platform.apiPort() + "/git/node.git", "main"));
            ProcessBuilder pb = new ProcessBuilder(command).directory(git.dir().toFile()).redirectErrorStream(true);
            pb.environment().putAll(Map.of("HOME", work.resolve("home").toString(), "GIT_CONFIG_NOSYSTEM", "1",
                    "GIT_TERMINAL_PROMPT", "0"));
            Process push = pb.start();
            push.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(push.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.contains("waiting for the pusher")) {
                        Files.writeString(marker, "seen");
                    }
                }
            }
            assertThat(push.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(push.exitValue()).as(output.toString()).isZero();
            assertThat(output.toString()).contains("remote: -----> Node.js app detected", "remote:        the pusher saw it",
                    "remote: -----> Released v1");
        }
    }
}
