package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.testing.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash completion script run by a real bash the way bash's programmable completion calls it: topic:verb names
 * after a colon, flags, and app names for {@code -a} from a real {@code ferry} against a real API.
 */
class CompletionTest {

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;
    private Path script;

    @BeforeEach
    void start() throws IOException {
        api = new RunningControlServer();
        cli = CliRun.asAdminOf(api, home);
        CommandRunner.Result completion = cli.run("completion");
        assertThat(completion.exit()).isZero();
        script = Files.writeString(home.resolve("ferry.bash"), completion.out());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** What bash offers for {@code line} with the cursor at its end; {@code words} as bash splits them. */
    private List<String> complete(String line, String... words) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String harness = "ferry() { '" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.ferry.cli.FerryCli \"$@\"; }\n"
                + "source '" + script + "'\n"
                + "COMP_WORDBREAKS=$' \\t\\n\"\\'><=;|&(:'\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "COMP_WORDS=(" + quoted(words) + "); COMP_CWORD=" + (words.length - 1) + "\n"
                + "_ferry; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", harness).redirectErrorStream(true);
        bash.environment().put("FERRY_API_URL", api.baseUrl());
        bash.environment().put("FERRY_API_TOKEN", api.adminToken);
        bash.environment().put("HOME", home.toString());
        Process p = bash.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    private static String quoted(String... words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            b.append(" '").append(w).append('\'');
        }
        return b.toString();
    }

    @Test
    void completesTheVerbsOfATopicAfterTheColon() throws Exception {
        assertThat(complete("ferry routes:", "ferry", "routes", ":", ""))
                .containsExactlyInAnyOrder("add", "remove", "tcp", "tcp:add", "tcp:remove");
        assertThat(complete("ferry routes:tcp:r", "ferry", "routes", ":", "tcp", ":", "r")).containsExactly("remove");
        assertThat(complete("ferry conf", "ferry", "conf")).containsExactlyInAnyOrder("config", "config:get", "config:set", "config:unset", "config:edit", "config:export");
    }

    @Test
    void completesTheFlagsOfTheCommand() throws Exception {
        assertThat(complete("ferry releases --", "ferry", "releases", "--")).contains("--json", "--num", "--app", "--help");
        assertThat(complete("ferry help conf", "ferry", "help", "conf")).contains("config", "config:set");
    }

    @Test
    void completesAppNamesTheUserCanSee() throws Exception {
        assertThat(cli.run("apps:create", "hello").exit()).isZero();
        assertThat(cli.run("apps:create", "help-desk").exit()).isZero();
        assertThat(complete("ferry config -a he", "ferry", "config", "-a", "he")).containsExactlyInAnyOrder("hello", "help-desk");
    }

    @Test
    void printsAZshScriptThatDescribesCommandsWithTheirColonsEscaped() {
        CommandRunner.Result zsh = cli.run("completion", "--shell", "zsh");
        assertThat(zsh.exit()).isZero();
        assertThat(zsh.out()).startsWith("#compdef ferry").contains("'routes\\:tcp\\:add:").contains("compdef _ferry ferry");
    }
}
