package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.control.RunningControlServer;
import dev.ferry.control.logs.LogsApi;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.MemoryAppLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code logs} and the drain commands against a real API with an in-memory log stream. */
class LogsCommandsTest {

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    Path home;

    private final MemoryAppLogs logs = new MemoryAppLogs();
    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer(store -> List.of(new LogsApi(store, store, store, logs, app -> {
        }, Duration.ofMillis(200), 4)));
        cli = CliRun.asAdminOf(api, home);
        assertThat(cli.run("apps:create", "hello").exit()).isZero();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void append(String process, String text) {
        logs.append(new LogLine(Instant.parse("2026-11-24T14:00:00.5Z"), HELLO, LogLine.APP, process, text));
    }

    @Test
    void printsTheLastLinesOfOneProcessType() {
        append("web.1", "one");
        append("worker.1", "two");
        append("web.2", "three");
        assertThat(cli.ok("logs", "-a", "hello").out()).isEqualTo("2026-11-24T14:00:00.500000+00:00 app[web.1]: one\n"
                + "2026-11-24T14:00:00.500000+00:00 app[worker.1]: two\n"
                + "2026-11-24T14:00:00.500000+00:00 app[web.2]: three\n");
        assertThat(cli.ok("logs", "-a", "hello", "-n", "1").out()).endsWith("app[web.2]: three\n").hasLineCount(1);
        assertThat(cli.ok("logs", "-a", "hello", "-p", "web").out().lines()).extracting(l -> l.substring(l.lastIndexOf(' ') + 1))
                .containsExactly("one", "three");
        CommandRunner.Result unknown = cli.run("logs", "-a", "nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("ferry: ").contains("nope").hasLineCount(1);
    }

    @Test
    void followsNewLinesUntilTheStreamEnds() {
        append("web.1", "before");
        StringWriter out = new StringWriter();
        CommandLine command = FerryCli.commandLine(cli.environment());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(new StringWriter(), true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = Thread.ofPlatform().start(() -> exit.set(command.execute("logs", "-t", "-a", "hello")));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("before"));
        await().atMost(Duration.ofSeconds(5)).until(() -> logs.followers(HELLO) == 1);
        append("web.1", "after");
        await().atMost(Duration.ofSeconds(5)).until(() -> out.toString().contains("app[web.1]: after"));
        assertThat(out.toString()).doesNotContain("\n\n");
        api.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !t.isAlive());
    }

    @Test
    void addsListsAndRemovesDrains() {
        assertThat(cli.ok("drains", "-a", "hello").out()).contains("has no drains");
        String added = cli.ok("drains:add", "syslog://logs.example.com:514", "-a", "hello").out();
        assertThat(added).startsWith("Successfully added drain syslog://logs.example.com:514 to hello (token d.");
        cli.ok("drains:add", "https://logs.example.com/in", "-a", "hello");
        String table = cli.ok("drains", "-a", "hello").out();
        assertThat(table).startsWith("URL").contains("syslog://logs.example.com:514").contains("https://logs.example.com/in");
        String token = api.store.drains(HELLO).get(1).token();
        assertThat(cli.ok("drains", "-a", "hello", "--json").out()).isEqualTo(api.call("GET", "/api/apps/hello/drains", null).body() + "\n");

        cli.ok("drains:remove", "syslog://logs.example.com:514", "-a", "hello");
        cli.ok("drains:remove", token, "-a", "hello");
        assertThat(api.store.drains(HELLO)).isEmpty();

        CommandRunner.Result bad = cli.run("drains:add", "ftp://x", "-a", "hello");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("must start with syslog://");
        CommandRunner.Result gone = cli.run("drains:remove", token, "-a", "hello");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("has no drain");
    }
}
