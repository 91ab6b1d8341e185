package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people see against a real API: values set by someone else cannot drive the terminal, times are relative on
 * a terminal and absolute when piped, states are coloured only on a terminal without NO_COLOR.
 */
class OutputForPeopleTest {

    /** ESC [2J clears the screen, CR returns to the line's start, BEL rings, ESC ]0; sets the window title. */
    private static final String FORGED = "x\u001b[2J\rferry: token expired\u0007\u001b]0;owned\u0007\u009b31m\u202e";

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer();
        cli = CliRun.asAdminOf(api, home);
        assertThat(cli.run("apps:create", "hello").exit()).isZero();
        assertThat(cli.run("config:set", "-a", "hello", "EVIL=" + FORGED).exit()).isZero();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static void assertNoControlCharacters(String text) {
        assertThat(text.chars().filter(c -> c != '\n' && (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x202e)))
                .as(text).isEmpty();
    }

    @Test
    void escapesControlCharactersOfValuesInListings() {
        for (boolean terminal : new boolean[] {false, true}) {
            CommandRunner.Result config = cli.terminal(terminal).run("config", "-a", "hello");
            assertThat(config.exit()).isZero();
            assertNoControlCharacters(config.out());
            assertThat(config.out()).contains("x\\e[2J\\rferry: token expired\\a\\e]0;owned\\a\\u009b31m\\u202e");
            CommandRunner.Result releases = cli.terminal(terminal).run("releases", "-a", "hello");
            assertNoControlCharacters(releases.out().replace("\u001b[1m", "").replace("\u001b[0m", "")
                    .replace("\u001b[32m", ""));
        }
    }

    @Test
    void escapesWhatTheCliPrintsOnItsRealStandardOutput() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder ferry = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "dev.ferry.cli.FerryCli",
                "config", "-a", "hello").redirectError(ProcessBuilder.Redirect.DISCARD);
        ferry.environment().put("FERRY_API_URL", api.baseUrl());
        ferry.environment().put("FERRY_API_TOKEN", api.adminToken);
        ferry.environment().put("HOME", home.toString());
        Process p = ferry.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertNoControlCharacters(out);
        assertThat(out).contains("EVIL: x\\e[2J\\rferry: token expired\\a");
    }

    @Test
    void configGetEscapesOnATerminalAndGivesTheExactValueToAPipe() {
        CommandRunner.Result terminal = cli.terminal(true).run("config:get", "-a", "hello", "EVIL");
        assertNoControlCharacters(terminal.out());
        assertThat(terminal.out()).startsWith("x\\e[2J\\r");
        assertThat(cli.terminal(false).run("config:get", "-a", "hello", "EVIL").out()).isEqualTo(FORGED + "\n");
    }

    @Test
    void jsonCarriesValuesEscapedAsJson() {
        CommandRunner.Result json = cli.run("config", "-a", "hello", "--json");
        assertNoControlCharacters(json.out());
        assertThat(json.out()).contains("\\u001B[2J\\rferry");
    }

    @Test
    void escapesControlCharactersInErrorsFromTheApi() {
        CommandRunner.Result r = cli.run("domains:remove", "-a", "hello", "evil\u001b[2J.example.com");
        assertThat(r.exit()).isNotZero();
        assertNoControlCharacters(r.err());
        assertThat(r.err()).startsWith("ferry: ").contains("evil\\e[2J.example.com");
    }

    @Test
    void showsTimesRelativeOnATerminalAndAbsoluteWhenPiped() {
        String piped = cli.terminal(false).run("releases", "-a", "hello").out();
        assertThat(piped).containsPattern("  \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z\n");
        String terminal = cli.terminal(true).env("NO_COLOR", "1").run("releases", "-a", "hello").out();
        assertThat(terminal).containsPattern("  (just now|\\d+ seconds? ago)\n").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
        assertThat(cli.terminal(true).run("apps:info", "-a", "hello").out()).containsPattern("Created: +(just now|\\d+ seconds? ago)");
    }

    @Test
    void printsErrorsInRedOnATerminalOnly() {
        CommandRunner.Result refused = cli.terminal(true).without("NO_COLOR").run("config:get", "-a", "hello", "NOPE");
        assertThat(refused.err()).isEqualTo("\u001b[31mferry: the config var NOPE is not set on hello\u001b[0m\n");
        assertThat(cli.terminal(true).run("conifg").err()).startsWith("\u001b[31mferry: 'conifg' is not a ferry command.");
        assertThat(cli.terminal(true).env("NO_COLOR", "1").run("conifg").err()).startsWith("ferry: 'conifg'");
        assertThat(cli.terminal(false).without("NO_COLOR").run("config:get", "-a", "hello", "NOPE").err())
                .isEqualTo("ferry: the config var NOPE is not set on hello\n");
    }

    @Test
    void coloursStatesOnATerminalUnlessNoColor() {
        String coloured = cli.terminal(true).without("NO_COLOR").run("releases", "-a", "hello").out();
        assertThat(coloured).contains("\u001b[32msucceeded\u001b[0m").startsWith("=== hello Releases\n\u001b[1mVERSION");
        String plain = cli.terminal(true).env("NO_COLOR", "1").run("releases", "-a", "hello").out();
        assertThat(plain).doesNotContain("\u001b");
        assertThat(cli.terminal(false).without("NO_COLOR").run("releases", "-a", "hello").out()).doesNotContain("\u001b");
    }
}
