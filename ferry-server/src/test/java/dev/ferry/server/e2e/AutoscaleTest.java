package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.autoscale.AutoscaleConfig;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autoscaling end to end, with the autoscaler's windows and cool-downs made short: a pushed app that serves one
 * request at a time (each takes 50 ms) gets a bounded load of 12 concurrent clients through the real router, so its
 * p95 rises far above the 300 ms goal and the autoscaler adds an instance (two run); the load then drops to one client
 * at a time, the p95 falls below half the goal, and the autoscaler goes back to one. Each change is a log line, an
 * event and a decision {@code ps:autoscale} shows, and no client request fails on the way.
 */
class AutoscaleTest {

    /** A one-request-at-a-time server (HTTP/1.0, so each connection closes) that takes 50 ms per request. */
    static final String SLOW_SERVER = """
            import http.server, os, time

            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    time.sleep(0.05)
                    body = ("slow %s\\n" % os.environ.get("DYNO", "-")).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

                def log_message(self, *args):
                    pass

            class Server(http.server.HTTPServer):
                request_queue_size = 128

            Server(("", int(os.environ["PORT"])), Handler).serve_forever()
            """;

    /** Looks every 250 ms; a 2 s window up (after 2 s), a 3 s window down (after 4 s); 10 requests make a window. */
    static final AutoscaleConfig FAST = new AutoscaleConfig(Duration.ofMillis(250), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(4), 10);

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(
            dir -> new RuntimePlatform(FerryConfig.ephemeral(dir), RuntimePlatform.TUNING.withAutoscale(FAST)));

    @TempDir
    Path work;

    @Test
    void addsAnInstanceUnderLoadAndRemovesItWhenTheLoadIsGone() throws Exception {
        RuntimePlatform ferry = platform.get();
        ferry.createApp("hello");
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token,
                "/usr/bin/python3 slow.py").commit("slow.py", SLOW_SERVER);
        assertThat(app.push(ferry.remote("hello")).exit()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ferry.admin.viaRouter("hello.localhost", "/").statusCode()).isEqualTo(200));
        Cli cli = ferry.cli(work.resolve("home"));
        CommandRunner.Result on = cli.run("ps:autoscale", "web", "--min", "1", "--max", "2", "--p95", "300ms",
                "-a", "hello");
        assertThat(on.exit()).as(on.err()).isZero();

        try (RequestLoop load = new RequestLoop(ferry.platform.httpPort(), "hello.localhost", 12)) {
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ferry.up("hello", "web") == 2);
            assertThat(formationOfWeb(ferry)).isEqualTo(2);
            int before = load.ok();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.ok() > before + 50);
            assertThat(load.failures()).isEmpty();
        }
        try (RequestLoop trickle = new RequestLoop(ferry.platform.httpPort(), "hello.localhost", 1)) {
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> formationOfWeb(ferry) == 1 && ferry.up("hello", "web") == 1);
            int before = trickle.ok();
            await().atMost(Duration.ofSeconds(10)).until(() -> trickle.ok() > before + 10);
            assertThat(trickle.failures()).isEmpty();
        }

        List<String> lines = ferry.platform.appLogs().recent(AppName.of("hello"), 1000, Optional.empty()).stream()
                .filter(l -> l.source().equals(LogLine.FERRY) && l.process().equals("autoscale"))
                .map(LogLine::text).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("autoscale: web 1→2, p95 \\d+ ms > 300 ms");
        assertThat(lines.get(1)).matches("autoscale: web 2→1, p95 \\d+ ms < 150 ms \\(half of 300 ms\\)");
        assertThat(ferry.json("/api/apps/hello/events").findValuesAsText("action"))
                .containsSubsequence("formation.autoscale", "formation.autoscale", "autoscale.enable");
        CommandRunner.Result shown = cli.run("ps:autoscale", "-a", "hello");
        assertThat(shown.out()).contains("web 1..2, p95 goal 300 ms").contains("web runs 1")
                .contains(lines.get(1)).contains(lines.get(0));
    }

    private static int formationOfWeb(RuntimePlatform ferry) {
        JsonNode formation = ferry.json("/api/apps/hello/formation");
        return formation.path("web").asInt();
    }
}
