package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry run} as {@code heroku run}, from the outside: the real CLI in a child JVM against a real platform
 * with a pushed app, on a terminal (a PTY from {@code script}) and on pipes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunLikeHerokuTest {

    private static final Duration EXIT = Duration.ofSeconds(60);

    private Path dir;
    private RuntimePlatform ferry;
    private ChildCli cli;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        ferry = new RuntimePlatform(dir.resolve("data"));
        ferry.createApp("hello");
        PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("home"), ferry.token);
        Git.Result pushed = app.push(ferry.remote("hello"));
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        cli = new ChildCli(ferry.platform.apiPort(), ferry.token, dir.resolve("home"));
    }

    @AfterAll
    void stop() {
        if (ferry != null) {
            ferry.close();
        }
    }

    @Test
    void givesAShellOnATerminalInTheSandboxThatExitsWithItsCode() throws Exception {
        try (ChildCli.Terminal terminal = cli.onTerminal(91, 33, "run", "-a", "hello", "bash")) {
            await().atMost(EXIT).until(() -> terminal.shown().contains("$ "));
            terminal.type("echo port=$PORT dyno=$DYNO home=$HOME tty=$(tty) size=$(stty size) uid=$(id -u)\r");
            await().atMost(EXIT).until(() -> terminal.shown().contains("uid="));
            terminal.type("exit 4\r");

            assertThat(terminal.exit(EXIT)).as(terminal.shown()).isEqualTo(4);
            Matcher m = Pattern.compile("port=(\\d+) dyno=(run\\.\\d+) home=/app tty=/dev/pts/\\d+ size=33 91 uid=(\\d+)")
                    .matcher(terminal.shown());
            assertThat(m.find()).as(terminal.shown()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isPositive();
            String after = terminal.shown().substring(terminal.shown().indexOf("terminal after:"));
            assertThat(after).as("the CLI restored the terminal").contains(" icanon ", " echo ", " isig ")
                    .doesNotContain("-icanon", " -echo ", "-isig");
        }
    }

    @Test
    void followsTheTerminalWhenItsWindowChanges() throws Exception {
        try (ChildCli.Terminal terminal = cli.onTerminal(80, 24, "run", "-a", "hello", "bash")) {
            await().atMost(EXIT).until(() -> terminal.shown().contains("$ "));

            terminal.resize(50, 20); // the CLI gets SIGWINCH, as from a terminal window
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                terminal.type("echo size=$(stty size)\r");
                Thread.sleep(300);
                assertThat(terminal.shown()).contains("size=20 50");
            });
            terminal.type("exit\r");

            assertThat(terminal.exit(EXIT)).as(terminal.shown()).isZero();
        }
    }

    @Test
    void ctrlCOnTheTerminalReachesTheRemoteProcess() throws Exception {
        try (ChildCli.Terminal terminal = cli.onTerminal(80, 24, "run", "-a", "hello", "bash")) {
            await().atMost(EXIT).until(() -> terminal.shown().contains("$ "));
            terminal.type("sleep 60\r");
            await().atMost(EXIT).until(() -> terminal.shown().contains("sleep 60"));
            Thread.sleep(500);
            terminal.type("\u0003");
            terminal.type("echo slept=$?\r");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(terminal.shown()).contains("slept=130"));
            terminal.type("exit 7\r");

            assertThat(terminal.exit(EXIT)).as(terminal.shown()).isEqualTo(7);
        }
    }

    @Test
    void forwardsPipedInput() throws Exception {
        CommandRunner.Result r = cli.run("hi\nthere\n", "run", "-a", "hello", "cat");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hi\nthere\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void keepsOutputAndErrorApartAndExitsWithTheProcessCode() throws Exception {
        CommandRunner.Result r = cli.run("", "run", "-a", "hello", "--", "sh", "-c", "echo out; echo err >&2; exit 3");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).isEqualTo("err\n");
    }

    @Test
    void saysNotFoundAndExits127ForAMissingProgram() throws Exception {
        CommandRunner.Result r = cli.run("", "run", "-a", "hello", "nosuchcmd");

        assertThat(r.exit()).isEqualTo(127);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("ferry: nosuchcmd: command not found\n");
    }

    @Test
    void passesArgumentsExactlyAsGiven() throws Exception {
        CommandRunner.Result r = cli.run("", "run", "-a", "hello", "python3", "-c", "import sys; print(sys.argv)", "a", "b c", "$HOME", "'q'");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("['-c', 'a', 'b c', '$HOME', \"'q'\"]\n");
    }

    @Test
    void runsOneShellLineGivenAsOneWordWithExtraEnv() throws Exception {
        CommandRunner.Result r = cli.run("", "run", "-a", "hello", "-e", "WHO=world", "--env", "N=2",
                "echo \"hello $WHO $N\"; cat version.txt; exit 5");

        assertThat(r.exit()).as(r.err()).isEqualTo(5);
        assertThat(r.out()).isEqualTo("hello world 2\nv1\n");
    }

    @Test
    void refusesASizeAndABadEnvWithoutRunningAnything() throws Exception {
        CommandRunner.Result sized = cli.run("", "run", "-a", "hello", "--size", "performance-l", "--", "touch", "/app/sized");
        assertThat(sized.exit()).isEqualTo(1);
        assertThat(sized.err()).startsWith("ferry: Ferry has no process sizes (performance-l)");

        CommandRunner.Result badEnv = cli.run("", "run", "-a", "hello", "-e", "1X=2", "--", "echo", "hi");
        assertThat(badEnv.exit()).isEqualTo(1);
        assertThat(badEnv.out()).isEmpty();
        assertThat(badEnv.err()).startsWith("ferry: ").contains("1X");
    }

    @Test
    void runsDetachedWithItsOutputInTheLogs() throws Exception {
        CommandRunner.Result r = cli.run("", "run:detached", "-a", "hello", "--", "sh", "-c", "echo detached-out; echo detached-err >&2");

        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = Pattern.compile("up, (run\\.\\d+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        String process = m.group(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            CommandRunner.Result logs = ferry.cli(dir.resolve("home")).run("logs", "-a", "hello", "-p", process);
            assertThat(logs.out()).contains("app[" + process + "]: detached-out", "app[" + process + "]: detached-err",
                    "ferry[" + process + "]: Process exited with status 0");
        });
    }

    @Test
    void stopsADetachedRunWithItsApp() throws Exception {
        ferry.createApp("gone");
        PythonApp app = PythonApp.create(dir.resolve("gone"), dir.resolve("home"), ferry.token);
        assertThat(app.push(ferry.remote("gone")).exit()).isZero();
        String marker = "62.0" + ProcessHandle.current().pid();
        CommandRunner.Result r = cli.run("", "run:detached", "-a", "gone", "sleep", marker);
        assertThat(r.exit()).as(r.err()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> sleeping(marker) > 0);

        CommandRunner.Result destroyed = ferry.cli(dir.resolve("home")).run("apps:destroy", "gone", "--confirm", "gone");

        assertThat(destroyed.exit()).as(destroyed.err()).isZero();
        await().atMost(Duration.ofSeconds(40)).until(() -> sleeping(marker) == 0);
    }

    private static long sleeping(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep " + marker)).count();
    }
}
