package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.help.CommandCatalog;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry --help} grouped by topic, {@code ferry help TOPIC}, {@code ferry version} and "did you mean". */
class HelpCommandsTest {

    @TempDir
    Path home;

    private CliRun cli() {
        return new CliRun(home).in(home);
    }

    @Test
    void listsTheCommandsGroupedByTopic() {
        CommandRunner.Result help = cli().run("--help");
        assertThat(help.exit()).isZero();
        String out = help.out();
        for (String topic : new String[] {"APPS", "CONFIG", "PS", "RELEASES", "LOGS", "DOMAINS", "ROUTES", "ACCESS", "KEYS", "TUNNELS"}) {
            assertThat(out).contains("\n" + topic + " — ");
        }
        assertThat(out.indexOf("\nCONFIG — ")).isLessThan(out.indexOf("  config:set ")).isGreaterThan(out.indexOf("  apps:destroy "));
        assertThat(out.indexOf("\nROUTES — ")).isLessThan(out.indexOf("  routes:tcp:add "));
        assertThat(out).contains("ferry help TOPIC");
    }

    @Test
    void wrapsHelpAtSpacesOnly() {
        String all = cli().run("--help").out() + cli().run("keys:add", "--help").out() + cli().run("drains:add", "--help").out()
                + cli().run("ps:scale", "--help").out() + cli().run("help", "logs").out();
        assertThat(all).doesNotContain("e. g.").doesNotContain("~/. ssh").doesNotContain("HOST: PORT")
                .doesNotContainPattern("e\\.\\s*\\n\\s*g\\.");
        assertThat(all).contains("~/.ssh/id_ed25519.pub").contains("syslog://HOST:PORT");
        assertThat(all.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @Test
    void helpOfATopicListsItsCommandsWithTheirDescriptions() {
        CommandRunner.Result r = cli().run("help", "config");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("config — ").contains("ferry config:set").contains("ferry config:unset")
                .contains("Set config vars").doesNotContain("apps:create");
    }

    @Test
    void helpOfACommandIsItsUsage() {
        CommandRunner.Result r = cli().run("help", "ps:scale");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: ferry ps:scale");
    }

    @Test
    void helpOfAnUnknownTopicSuggestsTheClosest() {
        CommandRunner.Result r = cli().run("help", "confgi");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ferry: no topic or command 'confgi'; did you mean config? ('ferry help' lists them)\n");
    }

    @Test
    void versionCommandPrintsTheVersionAndJava() {
        CommandRunner.Result r = cli().run("version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("ferry " + VersionProvider.version() + " (Java " + Runtime.version().feature() + ", "
                + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "-" + System.getProperty("os.arch") + ")\n");
        assertThat(VersionProvider.version()).isNotEqualTo("unknown");
    }

    @Test
    void suggestsTheCommandMeantByATypo() {
        CommandRunner.Result r = cli().run("conifg");
        assertThat(r.exit()).isEqualTo(FerryCli.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("ferry: 'conifg' is not a ferry command. Did you mean config? (see 'ferry help')\n");
        assertThat(cli().run("routes:ad", "x").err()).contains("Did you mean routes:add?");
        assertThat(cli().run("rout").err()).contains("Did you mean routes or routes:add or routes:tcp?");
        assertThat(cli().run("xyzzy").err()).isEqualTo("ferry: 'xyzzy' is not a ferry command. (see 'ferry help')\n");
    }

    @Test
    void buildsOnlyTheCommandThatRuns() {
        CommandLine apps = FerryCli.commandLine(cli().environment(), CommandCatalog.cli(), "apps", "--json");
        assertThat(apps.getSubcommands()).containsOnlyKeys("apps");
        assertThat(FerryCli.commandLine(cli().environment(), CommandCatalog.cli(), "help", "apps").getSubcommands())
                .hasSize(CommandCatalog.cli().entries().size());
        assertThat(FerryCli.commandLine(cli().environment(), CommandCatalog.cli(), "conifg").getSubcommands())
                .hasSize(CommandCatalog.cli().entries().size());
    }

    @Test
    void catalogNamesAreTheCommandsOwnNames() {
        for (CommandCatalog.Entry entry : CommandCatalog.cli().entries()) {
            assertThat(entry.type().getAnnotation(Command.class).name()).isEqualTo(entry.name());
        }
    }
}
