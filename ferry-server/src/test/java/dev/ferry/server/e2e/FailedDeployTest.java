package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A release whose web process never becomes healthy is abandoned; the previous release serves throughout. */
class FailedDeployTest {

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
    void keepsTheOldReleaseServingAndSaysWhyTheNewOneFailed() throws Exception {
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        assertThat(app.push(ferry.remote("hello")).exit()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> ferry.up("hello", "web") == 1);

        try (RequestLoop loop = new RequestLoop(ferry.platform.httpPort(), "hello.localhost", 3)) {
            loop.awaitServing("hello v1", Duration.ofSeconds(20));

            app.commit("Procfile", "web: sleep 600\n");
            Git.Result pushed = app.push(ferry.remote("hello"));

            assertThat(pushed.output()).contains("Deploy failed:").contains("v1 keeps running");
            int okNow = loop.ok();
            await().atMost(Duration.ofSeconds(20)).until(() -> loop.ok() > okNow + 50);
            assertThat(loop.lastBody()).startsWith("hello v1 ");
            assertThat(loop.failures()).isEmpty();
        }
        JsonNode releases = ferry.json("/api/apps/hello/releases");
        assertThat(releases.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(releases.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(releases.get(0).get("failure").asText()).isNotBlank();
        assertThat(releases.get(1).get("status").asText()).isEqualTo("succeeded");
        JsonNode ps = ferry.json("/api/apps/hello/ps");
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).get("release").asInt()).isEqualTo(1);

        CommandRunner.Result listed = ferry.cli(work.resolve("home")).run("releases", "-a", "hello");
        assertThat(listed.out()).containsPattern("v2 +Deploy [0-9a-f]{7} \\(.+\\) +failed");
    }
}
