package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The binary's command line: the roles answer --help, are listed in the grouped help, and CLI commands build alone. */
class MainTest {

    @TempDir
    Path home;

    private CommandRunner.Result run(String... args) {
        return FerryCommandLine.run(home, args);
    }

    @Test
    void everyRoleAnswersHelpWithItsOptions() {
        CommandRunner.Result up = run("up", "--help");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.out()).startsWith("Usage: ferry up").contains("--http-port=PORT").contains("FERRY_HTTP_PORT");
        CommandRunner.Result gateway = run("gateway", "--help");
        assertThat(gateway.exit()).as(gateway.err()).isZero();
        assertThat(gateway.out()).startsWith("Usage: ferry gateway");
    }

    @Test
    void routerAndControlDescribeEachOfTheirFlagsWithItsVariable() {
        CommandRunner.Result router = run("router", "--help");
        assertThat(router.exit()).as(router.err()).isZero();
        assertThat(router.out()).startsWith("Usage: ferry router").contains("--registry=URL").contains("FERRY_REGISTRY")
                .contains("--http-port=PORT").contains("--bind=ADDRESS").contains("--data-dir=DIR")
                .doesNotContain("--store").doesNotContain("--api-port");
        CommandRunner.Result control = run("control", "--help");
        assertThat(control.exit()).as(control.err()).isZero();
        assertThat(control.out()).startsWith("Usage: ferry control").contains("--store=URL").contains("--registry=URL")
                .contains("--api-port=PORT").contains("--ssh-port=PORT").contains("--secret-key-file=PATH")
                .doesNotContain("--http-port");
        assertThat(run("up", "--help").out()).contains("--registry=URL").contains("--store=URL").contains("--http-port=PORT");
        for (String role : new String[] {"up", "router", "control"}) {
            CommandLine command = FerryCommandLine.commandLine(home, role).getSubcommands().get(role);
            command.getCommandSpec().options().stream()
                    .filter(o -> !o.usageHelp() && !o.versionHelp())
                    .forEach(o -> assertThat(String.join(" ", o.description())).as(role + " " + o.longestName())
                            .contains("env FERRY_"));
        }
    }

    @Test
    void routerAndControlRefuseToStartWithoutTheFleetsRegistry() {
        CommandRunner.Result router = run("router", "--data-dir", home.resolve("r").toString());
        assertThat(router.exit()).isEqualTo(2);
        assertThat(router.err()).startsWith("ferry: ferry router needs the fleet's route registry: --registry redis://HOST:PORT"
                + " or env FERRY_REGISTRY");
        CommandRunner.Result control = run("control", "--data-dir", home.resolve("c").toString());
        assertThat(control.exit()).isEqualTo(2);
        assertThat(control.err()).startsWith("ferry: ferry control needs the fleet's route registry: --registry");
        CommandRunner.Result bad = run("router", "--registry", "localhost:6379");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("ferry: --registry='localhost:6379' is not a Redis address such as redis://HOST:PORT");
        CommandRunner.Result badReplica = run("router", "--data-dir", home.resolve("r").toString(),
                "--registry-replica", "localhost:6379");
        assertThat(badReplica.exit()).isEqualTo(2);
        assertThat(badReplica.err()).startsWith("ferry: --registry-replica 'localhost:6379' is not a Redis address such as"
                + " redis://HOST:PORT");
        assertThat(home.resolve("r")).as("nothing made on bad input").doesNotExist();
    }

    @Test
    void listsTheRolesAsThePlatformTopic() {
        CommandRunner.Result help = run("--help");
        assertThat(help.out()).contains("\nPLATFORM — ").containsPattern("\n  up +Run Ferry on this machine")
                .containsPattern("\n  gateway +Run one more tunnel gateway")
                .containsPattern("\n  router +Run one router of a fleet").containsPattern("\n  control +Run the control plane of a fleet");
        assertThat(run("help", "platform").out()).contains("ferry up").contains("ferry gateway");
    }

    @Test
    void upAndStoreMigrateDescribeTheStoreFlagsAndTheirVariables() {
        assertThat(run("up", "--help").out()).contains("--store=URL").contains("FERRY_STORE_PASSWORD")
                .contains("PGPASSWORD").contains("--secret-key-file=PATH").contains("FERRY_SECRET_KEY");
        assertThat(run("control", "--help").out()).contains("--slug-store=URL").contains("FERRY_SLUG_STORE")
                .contains("AWS_ENDPOINT_URL").contains("AWS_ACCESS_KEY_ID").contains("AWS_SECRET_ACCESS_KEY");
        CommandRunner.Result migrate = run("store:migrate", "--help");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out()).startsWith("Usage: ferry store:migrate").contains("--to=URL").contains("--data-dir=DIR");
        CommandRunner.Result missing = run("store:migrate");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--to=URL'");
        CommandRunner.Result bad = run("store:migrate", "--to", "mysql://db/ferry", "--data-dir", home.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("ferry: --to is not a PostgreSQL URL");
    }

    @Test
    void aCliCommandDoesNotBuildTheRoles() {
        assertThat(FerryCommandLine.commandLine(home, "apps").getSubcommands()).containsOnlyKeys("apps");
    }
}
