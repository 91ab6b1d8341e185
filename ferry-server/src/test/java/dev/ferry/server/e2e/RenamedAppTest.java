package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testing.CommandRunner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apps:rename} from the outside: an app pushed with the real git client and served through the real router
 * is renamed with the CLI in its repository; the new host serves the same release at once, the old host answers
 * 404, the custom domain never stops serving, config and releases are intact, and a push to the updated remote
 * deploys under the new name.
 */
class RenamedAppTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private RuntimePlatform ferry;

    @AfterEach
    void stop() {
        if (ferry != null) {
            ferry.close();
        }
    }

    @Test
    void aRenamedAppServesUnderItsNewNameAndDeploysFromTheUpdatedRemote() throws Exception {
        ferry = new RuntimePlatform(dataDir);
        ferry.createApp("hello");
        assertThat(ferry.admin.patch("/api/apps/hello/config", "{\"GREETING\":\"hi\"}").statusCode()).isEqualTo(200);
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        assertThat(app.git().run("remote", "add", "ferry", ferry.remote("hello")).exit()).isZero();
        Git.Result pushed = app.push("ferry");
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ferry.admin.viaRouter("hello.localhost", "/").body()).isEqualTo("hi v1 web.1\n"));
        assertThat(ferry.admin.post("/api/apps/hello/domains", "{\"hostname\":\"www.example.com\"}").statusCode())
                .isEqualTo(201);
        JsonNode releasesBefore = ferry.json("/api/apps/hello/releases");
        String logsBefore = ferry.admin.get("/api/apps/hello/logs?lines=1500").body();
        assertThat(logsBefore).contains("web.1");

        CommandRunner.Result renamed;
        try (RequestLoop custom = new RequestLoop(ferry.platform.httpPort(), "www.example.com", 2)) {
            custom.awaitServing("hi v1", Duration.ofSeconds(10));
            renamed = new Cli(ferry.platform.apiPort(), ferry.token, work.resolve("home"), app.git().dir())
                    .run("apps:rename", "greeting");
            HttpResponse<String> atOnce = ferry.admin.viaRouter("greeting.localhost", "/");
            assertThat(atOnce.statusCode()).as(atOnce.headers().firstValue("Ferry-Error").orElse("")).isEqualTo(200);
            assertThat(atOnce.body()).isEqualTo("hi v1 web.1\n");
            int before = custom.ok();
            await().atMost(Duration.ofSeconds(10)).until(() -> custom.ok() > before + 20);
            assertThat(custom.failures()).as("the custom domain serves through the rename").isEmpty();
        }

        assertThat(renamed.exit()).as(renamed.err()).isZero();
        assertThat(renamed.out()).contains("Renamed hello to greeting")
                .contains("Updated git remote ferry -> " + ferry.remote("greeting"));
        assertThat(ferry.admin.viaRouter("hello.localhost", "/").statusCode()).as("the old host").isEqualTo(404);
        assertThat(ferry.admin.get("/api/apps/hello").statusCode()).isEqualTo(404);
        assertThat(ferry.json("/api/apps/greeting/config").get("GREETING").asText()).isEqualTo("hi");
        assertThat(ferry.json("/api/apps/greeting/releases").findValuesAsText("version"))
                .isEqualTo(releasesBefore.findValuesAsText("version"));
        assertThat(ferry.json("/api/apps/greeting/ps").findValuesAsText("state")).containsOnly("up");
        assertThat(ferry.admin.get("/api/apps/greeting/logs?lines=1500").body()).as("the log stream moved")
                .contains(logsBefore.lines().toList());
        assertThat(dataDir.resolve("repos/greeting.git")).isDirectory();
        assertThat(dataDir.resolve("repos/hello.git")).doesNotExist();
        assertThat(app.git().run("remote", "get-url", "ferry").output().strip()).isEqualTo(ferry.remote("greeting"));

        app.version("v2");
        Git.Result again = app.push("ferry");
        assertThat(again.exit()).as(again.output()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ferry.admin.viaRouter("greeting.localhost", "/").body()).isEqualTo("hi v2 web.1\n"));
        assertThat(ferry.admin.viaRouter("www.example.com", "/").body()).isEqualTo("hi v2 web.1\n");
        assertThat(ferry.admin.viaRouter("hello.localhost", "/").statusCode()).isEqualTo(404);
    }
}
