package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.control.autoscale.AutoscaleApi;
import dev.ferry.core.autoscale.AutoscaleDecision;
import dev.ferry.core.store.AppName;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry ps:autoscale} against a real API and store: turning it on and off, showing the setting and the last
 * decisions (and as JSON), and a clear one-line refusal, which changes nothing, for every bad argument.
 */
class AutoscaleCommandTest {

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer(store -> List.of(new AutoscaleApi(store, store, store, store.autoscale())));
        cli = CliRun.asAdminOf(api, home);
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        api.store.scale(HELLO, Map.of("web", 1), api.admin.id());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void refused(String message, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as(String.join(" ", args)).isNotZero();
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains(message);
    }

    @Test
    void turnsOnShowsTheLastDecisionsAndTurnsOff() {
        assertThat(cli.exitsZero("ps:autoscale", "-a", "hello").out()).isEqualTo("Autoscaling of hello is off; web runs 1\n");
        assertThat(cli.exitsZero("ps:autoscale", "web", "--min", "1", "--max", "5", "--p95", "500ms", "-a", "hello").out())
                .startsWith("Autoscaling hello: web 1..5, p95 goal 500 ms (since ").endsWith("); web runs 1\n");
        assertThat(api.store.autoscale().autoscaling(HELLO).orElseThrow().rule().p95Goal())
                .isEqualTo(Duration.ofMillis(500));
        cli.exitsZero("ps:autoscale", "web", "--min", "2", "--max", "3", "--p95", "1.5s", "-a", "hello");
        assertThat(api.store.autoscale().autoscaling(HELLO).orElseThrow().rule().p95Goal())
                .isEqualTo(Duration.ofMillis(1500));

        api.store.autoscale().autoscaled(HELLO, new AutoscaleDecision(Instant.parse("2026-12-01T10:00:00Z"), 1, 2,
                Duration.ofMillis(812), 140, "autoscale: web 1→2, p95 812 ms > 500 ms"));
        String shown = cli.exitsZero("ps:autoscale", "-a", "hello").out();
        assertThat(shown).contains("web runs 2\nLast decisions:\n")
                .contains("2026-12-01T10:00:00Z  autoscale: web 1→2, p95 812 ms > 500 ms\n");
        String json = cli.exitsZero("ps:autoscale", "-a", "hello", "--json").out();
        assertThat(json).contains("\"enabled\":true").contains("\"min\":2").contains("\"p95Ms\":1500")
                .contains("\"quantity\":2").contains("\"reason\":\"autoscale: web 1→2, p95 812 ms > 500 ms\"");

        assertThat(cli.exitsZero("ps:autoscale", "--off", "-a", "hello").out()).startsWith("Autoscaling of hello is off; web runs 2\n");
        assertThat(api.store.autoscale().autoscaling(HELLO)).isEmpty();
    }

    @Test
    void refusesBadArgumentsWithOneLineAndChangesNothing() {
        refused("only web is autoscaled, not worker", "ps:autoscale", "worker", "--min", "1", "--max", "2", "--p95",
                "500ms", "-a", "hello");
        refused("min (3) is more than max (2)", "ps:autoscale", "web", "--min", "3", "--max", "2", "--p95", "500ms",
                "-a", "hello");
        refused("--p95 must be a duration in whole milliseconds such as 500ms, 1.5s or 500 (ms), not 'fast'",
                "ps:autoscale", "web", "--min", "1", "--max", "2", "--p95", "fast", "-a", "hello");
        refused("not '0.0001s'", "ps:autoscale", "web", "--min", "1", "--max", "2", "--p95", "0.0001s", "-a", "hello");
        refused("not '-5ms'", "ps:autoscale", "web", "--min", "1", "--max", "2", "--p95", "-5ms", "-a", "hello");
        refused("the p95 goal must be whole milliseconds from 10ms to 60s", "ps:autoscale", "web", "--min", "1",
                "--max", "2", "--p95", "200s", "-a", "hello");
        refused("ps:autoscale web needs --min, --max and --p95", "ps:autoscale", "web", "--min", "1", "-a", "hello");
        refused("--off takes no --min, --max or --p95", "ps:autoscale", "--off", "--max", "2", "-a", "hello");
        refused("nope", "ps:autoscale", "-a", "nope");
        assertThat(api.store.autoscale().autoscaling(HELLO)).isEmpty();
    }
}
