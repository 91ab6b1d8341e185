package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The binary's command line: the roles answer --help, are listed in the grouped help, and CLI commands build alone. */
class MainTest {

    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        CommandLine cli = Main.commandLine(new CliEnvironment(Map.of(), home, false, home), args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void everyRoleAnswersHelpWithItsOptions() {
        Run up = run("up", "--help");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.out()).startsWith("Usage: ferry up").contains("--http-port=PORT").contains("FERRY_HTTP_PORT");
        Run gateway = run("gateway", "--help");
        assertThat(gateway.exit()).as(gateway.err()).isZero();
        assertThat(gateway.out()).startsWith("Usage: ferry gateway");
    }

    @Test
    void listsTheRolesAsThePlatformTopic() {
        Run help = run("--help");
        assertThat(help.out()).contains("\nPLATFORM — ").containsPattern("\n  up +Run Ferry on this machine")
                .containsPattern("\n  gateway +Run one more tunnel gateway");
        assertThat(run("help", "platform").out()).contains("ferry up").contains("ferry gateway");
    }

    @Test
    void aCliCommandDoesNotBuildTheRoles() {
        assertThat(Main.commandLine(new CliEnvironment(Map.of(), home, false, home), "apps").getSubcommands()).containsOnlyKeys("apps");
    }
}
