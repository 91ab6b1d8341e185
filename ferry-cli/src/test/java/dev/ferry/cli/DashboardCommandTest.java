package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.control.dashboard.DashboardConfig;
import dev.ferry.control.dashboard.DashboardLinksApi;
import dev.ferry.control.dashboard.DashboardSessions;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry dashboard} against a real API: a one-time sign-in link at the API's address, or a clear refusal. */
class DashboardCommandTest {

    @TempDir
    Path home;

    private RunningControlServer api;

    @BeforeEach
    void start() {
        DashboardSessions sessions = new DashboardSessions(DashboardConfig.DEFAULT, Clock.systemUTC());
        api = new RunningControlServer(store -> List.of(new DashboardLinksApi(sessions)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void printsAOneTimeSignInLinkAtTheApisAddress() {
        CommandRunner.Result first = cli(api.adminToken).run("dashboard");
        CommandRunner.Result second = cli(api.adminToken).run("dashboard");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("works once").contains(api.baseUrl() + "/sign-in/link?code=");
        assertThat(second.out().lines().toList().getLast()).isNotEqualTo(first.out().lines().toList().getLast());
    }

    @Test
    void refusesAnUnknownTokenInOneLine() {
        CommandRunner.Result r = cli("ferry_unknown").run("dashboard");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("401");
    }

    private CliRun cli(String token) {
        return new CliRun(home).in(home).env("FERRY_API_URL", api.baseUrl()).env("FERRY_API_TOKEN", token);
    }
}
