package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A pushed Procfile app answers through the router; ps lists it; ferry run echoes and passes on the exit code. */
class DeployAndRunTest {

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

    @Test
    void servesAPushedProcfileAppThroughTheRouter() throws Exception {
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);

        Git.Result pushed = app.push(ferry.remote("hello"));

        assertThat(pushed.exit()).as(pushed.output()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> r = ferry.admin.viaRouter("hello.localhost", "/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello v1 web.1\n");
        });
        JsonNode ps = ferry.json("/api/apps/hello/ps");
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).get("name").asText()).isEqualTo("web.1");
        assertThat(ps.get(0).get("state").asText()).isEqualTo("up");
        assertThat(ps.get(0).get("release").asInt()).isEqualTo(1);
        assertThat(ps.get(0).get("port").asInt()).isPositive();
        assertThat(ProcessHandle.of(ps.get(0).get("pid").asLong())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(ferry.json("/api/apps/hello/releases").get(0).get("status").asText()).isEqualTo("succeeded");

        CommandRunner.Result listed = ferry.cli(work.resolve("home")).run("ps", "-a", "hello");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).startsWith("=== web (1): /usr/bin/python3 server.py\nweb.1: up ");
    }

    @Test
    void runsAOneOffThroughTheCliWithItsExitCode() throws Exception {
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        assertThat(app.push(ferry.remote("hello")).exit()).isZero();
        assertThat(ferry.admin.patch("/api/apps/hello/config", "{\"GREETING\":\"hi there\"}").statusCode()).isEqualTo(200);
        Cli cli = ferry.cli(work.resolve("home"));

        CommandRunner.Result echo = cli.run("run", "-a", "hello", "--", "echo", "hi");
        assertThat(echo.exit()).as(echo.err()).isZero();
        assertThat(echo.out()).isEqualTo("hi\n");

        CommandRunner.Result env = cli.run("run", "-a", "hello", "echo \"$GREETING\"; cat version.txt; exit 3");
        assertThat(env.exit()).as(env.err()).isEqualTo(3);
        assertThat(env.out()).isEqualTo("hi there\nv1\n");
    }
}
