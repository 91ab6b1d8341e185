package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry tunnel} refusals, before any connection to a gateway. */
class TunnelCommandTest {

    @TempDir
    Path home;

    private RunningControlServer api;

    @BeforeEach
    void start() {
        api = new RunningControlServer();
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private CommandRunner.Result run(String token, String... args) {
        return new CliRun(home).in(home).env("FERRY_API_URL", api.baseUrl()).env("FERRY_API_TOKEN", token).run(args);
    }

    @Test
    void refusesATokenOfAnotherUserWithOneClearLine() {
        String bob = api.newUser("bob@example.com");
        CommandRunner.Result r = run(bob, "tunnel", "3000", "-a", "hello");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ferry: Couldn't find an app named hello.\n");
    }

    @Test
    void refusesAnUnknownAppAndABadPort() {
        CommandRunner.Result unknown = run(api.adminToken, "tunnel", "3000", "-a", "nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("Couldn't find an app named nope.");
        CommandRunner.Result port = run(api.adminToken, "tunnel", "70000", "-a", "hello");
        assertThat(port.exit()).isEqualTo(1);
        assertThat(port.err()).contains("1-65535");
    }
}
