package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testing.PlatformExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under a steady request loop through the router: 10 deploys, 5 config changes, scaling web 3 → 1 → 3 and a
 * {@code kill -9} of one of two instances, each without one failed request.
 */
class ZeroDowntimeTest {

    private static final Duration SWITCH = Duration.ofSeconds(30);

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(RuntimePlatform::new);

    @TempDir
    Path work;

    private RuntimePlatform ferry;
    private PythonApp app;

    @BeforeEach
    void prepare() throws Exception {
        ferry = platform.get();
        ferry.createApp("hello");
        app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        Git.Result pushed = app.push(ferry.remote("hello"));
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        await().atMost(SWITCH).until(() -> ferry.up("hello", "web") == 1);
    }

    @Test
    void losesNoRequestAcrossDeploysConfigChangesScalingAndACrash() throws Exception {
        try (RequestLoop loop = new RequestLoop(ferry.platform.httpPort(), "hello.localhost", 4)) {
            loop.awaitServing("hello v1", SWITCH);

            for (int v = 2; v <= 11; v++) {
                Git.Result pushed = app.version("v" + v).push(ferry.remote("hello"));
                assertThat(pushed.exit()).as(pushed.output()).isZero();
                loop.awaitServing("hello v" + v + " ", SWITCH);
            }
            assertThat(loop.failures()).as("failed requests during deploys").isEmpty();

            for (int c = 1; c <= 5; c++) {
                assertThat(ferry.admin.patch("/api/apps/hello/config", "{\"GREETING\":\"hi" + c + "\"}").statusCode()).isEqualTo(200);
                loop.awaitServing("hi" + c + " v11", SWITCH);
            }
            assertThat(loop.failures()).as("failed requests during config changes").isEmpty();

            for (int web : new int[] {3, 1, 3}) {
                assertThat(ferry.admin.patch("/api/apps/hello/formation", "{\"web\":" + web + "}").statusCode()).isEqualTo(200);
                await().atMost(SWITCH).until(() -> ferry.json("/api/apps/hello/ps").size() == web && ferry.up("hello", "web") == web);
                int okNow = loop.ok();
                await().atMost(SWITCH).until(() -> loop.ok() > okNow + 50);
            }
            assertThat(loop.failures()).as("failed requests while scaling").isEmpty();

            assertThat(ferry.admin.patch("/api/apps/hello/formation", "{\"web\":2}").statusCode()).isEqualTo(200);
            await().atMost(SWITCH).until(() -> ferry.json("/api/apps/hello/ps").size() == 2 && ferry.up("hello", "web") == 2);
            JsonNode victim = ferry.json("/api/apps/hello/ps").get(0);
            long pid = victim.get("pid").asLong();
            assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
            await().atMost(SWITCH).until(() -> {
                JsonNode again = ferry.json("/api/apps/hello/ps");
                return ferry.up("hello", "web") == 2 && again.findValuesAsText("pid").stream().noneMatch(p -> p.equals(Long.toString(pid)));
            });
            int okNow = loop.ok();
            await().atMost(SWITCH).until(() -> loop.ok() > okNow + 100);
            assertThat(loop.failures()).as("failed requests around a crash").isEmpty();
            assertThat(loop.ok()).isGreaterThan(1000);
        }
    }
}
