package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane as a new user meets it, with the CLI only: an app, awkward config values, a custom
 * domain answered by the router, one release per config change, and a second user kept out.
 */
class ControlPlaneTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    private static CommandRunner.Result ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    @Test
    void createsConfiguresRoutesAndGuardsAnAppThroughTheCli() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Cli admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            Api router = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());

            assertThat(ok(admin, "apps:create", "hello").out())
                    .isEqualTo("Created hello | http://hello.localhost:" + platform.httpPort() + "/\n");
            ok(admin, "config:set", "-a", "hello", "GREETING=hello   world", "QUOTED=say \"hi\" 'there'");
            ok(admin, "config:set", "-a", "hello", "MULTI=line one\nline two=2");
            assertThat(ok(admin, "config:get", "-a", "hello", "GREETING").out()).isEqualTo("hello   world\n");
            assertThat(ok(admin, "config:get", "-a", "hello", "QUOTED").out()).isEqualTo("say \"hi\" 'there'\n");
            assertThat(ok(admin, "config:get", "-a", "hello", "MULTI").out()).isEqualTo("line one\nline two=2\n");

            ok(admin, "domains:add", "-a", "hello", "www.hello.test");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                HttpResponse<String> viaDomain = router.viaRouter("www.hello.test", "/");
                assertThat(viaDomain.statusCode()).isEqualTo(503);
                assertThat(viaDomain.headers().firstValue("Ferry-Error")).hasValue("no_healthy_instance");
            });
            assertThat(router.viaRouter("hello.localhost", "/").statusCode()).isEqualTo(503);
            assertThat(router.viaRouter("nobody.localhost", "/").statusCode()).isEqualTo(404);

            JsonNode releases = new ObjectMapper().readTree(ok(admin, "releases", "-a", "hello", "--json").out());
            assertThat(releases.findValuesAsText("description"))
                    .containsExactly("Set MULTI config vars", "Set GREETING, QUOTED config vars");

            String addOut = ok(admin, "users:add", "bob@example.com").out();
            String bobToken = addOut.lines().filter(l -> l.startsWith("API token")).findFirst().orElseThrow()
                    .replaceFirst("^API token \\(shown once\\): ", "");
            Cli bob = new Cli(platform.apiPort(), bobToken, home);
            assertThat(ok(bob, "apps", "--json").out()).isEqualTo("[]\n");
            CommandRunner.Result denied = bob.run("config", "-a", "hello");
            assertThat(denied.exit()).isEqualTo(1);
            assertThat(denied.err()).isEqualTo("ferry: Couldn't find an app named hello.\n");
            assertThat(new Api(platform.apiPort(), platform.httpPort(), bobToken).get("/api/apps/hello").statusCode())
                    .isEqualTo(404);
            assertThat(bob.run("config:set", "-a", "hello", "X=1").exit()).isEqualTo(1);
            assertThat(ok(admin, "config", "-a", "hello", "--json").out()).doesNotContain("\"X\"");

            ok(admin, "apps:destroy", "hello", "--confirm", "hello");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(router.viaRouter("www.hello.test", "/").statusCode()).isEqualTo(404);
                assertThat(router.viaRouter("hello.localhost", "/").statusCode()).isEqualTo(404);
            });
        }
    }

    @Test
    void keepsAppsUsersAndTokensAcrossARestart() throws Exception {
        String bobToken;
        try (Platform first = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Cli admin = new Cli(first.apiPort(), first.adminToken().token(), home);
            ok(admin, "apps:create", "kept");
            ok(admin, "config:set", "-a", "kept", "A=1");
            bobToken = ok(admin, "users:add", "bob@example.com", "--json").out().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1").strip();
        }
        try (Platform second = Platform.start(FerryConfig.ephemeral(dataDir))) {
            assertThat(second.adminToken().wasCreated()).isFalse();
            Cli admin = new Cli(second.apiPort(), second.adminToken().token(), home);
            assertThat(ok(admin, "config:get", "-a", "kept", "A").out()).isEqualTo("1\n");
            assertThat(ok(new Cli(second.apiPort(), bobToken, home), "apps", "--json").out()).isEqualTo("[]\n");
            Api router = new Api(second.apiPort(), second.httpPort(), second.adminToken().token());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(router.viaRouter("kept.localhost", "/").statusCode()).isEqualTo(503));
        }
    }
}
