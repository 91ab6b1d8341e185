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
 * A pushed app through the real router: a custom domain serves the moment {@code domains:add} returns, and
 * maintenance mode answers the 503 maintenance page on every host while the instances keep running, across a
 * restart of the platform.
 */
class MaintenanceAndDomainsTest {

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

    private void pushServingApp() throws Exception {
        ferry = new RuntimePlatform(dataDir);
        ferry.createApp("hello");
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        Git.Result pushed = app.push(ferry.remote("hello"));
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        // JGit's ref-update progress came out twice with a carriage return between, after a slow update
        assertThat(pushed.output()).doesNotContain("Updating references").doesNotContain("\r");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ferry.admin.viaRouter("hello.localhost", "/").statusCode()).isEqualTo(200));
    }

    @Test
    void servesANewCustomDomainTheMomentItIsAdded() throws Exception {
        pushServingApp();
        CommandRunner.Result added = ferry.cli(work.resolve("home")).run("domains:add", "-a", "hello", "www.example.com");
        assertThat(added.exit()).as(added.err()).isZero();

        HttpResponse<String> r = ferry.admin.viaRouter("www.example.com", "/");

        assertThat(r.statusCode()).as(r.headers().firstValue("Ferry-Error").orElse("")).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello v1 web.1\n");
    }

    @Test
    void answersTheMaintenancePageOnEveryHostWhileInstancesKeepRunningAcrossARestart() throws Exception {
        pushServingApp();
        Cli cli = ferry.cli(work.resolve("home"));
        assertThat(cli.run("domains:add", "-a", "hello", "www.example.com").exit()).isZero();
        long pid = ferry.json("/api/apps/hello/ps").get(0).get("pid").asLong();

        CommandRunner.Result on = cli.run("maintenance:on", "-a", "hello");
        assertThat(on.exit()).as(on.err()).isZero();

        for (String host : new String[] {"hello.localhost", "www.example.com"}) {
            HttpResponse<String> page = ferry.admin.viaRouter(host, "/");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Ferry-Error")).hasValue("maintenance");
            assertThat(page.body()).contains("down for maintenance");
        }
        JsonNode ps = ferry.json("/api/apps/hello/ps");
        assertThat(ps.get(0).get("state").asText()).isEqualTo("up");
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        ferry.close();
        ferry = new RuntimePlatform(dataDir);
        assertThat(ferry.admin.viaRouter("hello.localhost", "/").headers().firstValue("Ferry-Error")).hasValue("maintenance");
        Cli again = ferry.cli(work.resolve("home"));
        assertThat(again.run("maintenance", "-a", "hello").out()).isEqualTo("on\n");

        assertThat(again.run("maintenance:off", "-a", "hello").exit()).isZero();
        assertThat(ferry.admin.viaRouter("hello.localhost", "/").headers().firstValue("Ferry-Error"))
                .isNotEqualTo(java.util.Optional.of("maintenance"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ferry.admin.viaRouter("www.example.com", "/").statusCode()).isEqualTo(200));
    }
}
