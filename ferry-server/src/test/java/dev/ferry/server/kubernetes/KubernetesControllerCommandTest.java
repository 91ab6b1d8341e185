package dev.ferry.server.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.FerryCommandLine;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry kubernetes-controller}: its help names every flag with its variable, and bad input is refused with exit 2. */
class KubernetesControllerCommandTest {

    @TempDir
    Path home;

    private CommandRunner.Result run(String... args) {
        return FerryCommandLine.run(home, args);
    }

    @Test
    void helpDescribesEachFlagWithItsVariable() {
        CommandRunner.Result help = run("kubernetes-controller", "--help");

        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: ferry kubernetes-controller").contains("ferry.dev/domains")
                .contains("--registry=URL").contains("--watch-namespace=NAMESPACE").contains("--lease-name=NAME")
                .contains("--lease-namespace=NAMESPACE").contains("--allow-domain=DOMAIN").contains("--identity=NAME").contains("--health-port=PORT");
        CommandLine command = FerryCommandLine.commandLine(home, "kubernetes-controller")
                .getSubcommands().get("kubernetes-controller");
        command.getCommandSpec().options().stream().filter(o -> !o.usageHelp() && !o.versionHelp())
                .forEach(o -> assertThat(String.join(" ", o.description())).as(o.longestName()).contains("env FERRY_"));
        assertThat(run("--help").out()).contains("kubernetes-controller");
    }

    @Test
    void refusesToStartWithoutTheRegistryOrWithBadValues() {
        CommandRunner.Result none = run("kubernetes-controller");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).startsWith("ferry: ferry kubernetes-controller needs the fleet's route registry: --registry");

        CommandRunner.Result badRegistry = run("kubernetes-controller", "--registry", "localhost:6379");
        assertThat(badRegistry.exit()).isEqualTo(2);
        assertThat(badRegistry.err()).startsWith("ferry: --registry 'localhost:6379' is not a Redis address");

        CommandRunner.Result badNamespace = run("kubernetes-controller", "--registry", "redis://127.0.0.1:1", "--watch-namespace", "Shop_1");
        assertThat(badNamespace.exit()).isEqualTo(2);
        assertThat(badNamespace.err()).startsWith("ferry: --watch-namespace: namespace 'Shop_1' is not a Kubernetes namespace name");

        CommandRunner.Result badDomain = run("kubernetes-controller", "--registry", "redis://127.0.0.1:1", "--allow-domain", "*.example.com");
        assertThat(badDomain.exit()).isEqualTo(2);
        assertThat(badDomain.err()).startsWith("ferry: --allow-domain: allowed domain '*.example.com' must be a name");

        CommandRunner.Result badPort = run("kubernetes-controller", "--registry", "redis://127.0.0.1:1", "--health-port", "http");
        assertThat(badPort.exit()).isEqualTo(2);
        assertThat(badPort.err()).startsWith("ferry: --health-port 'http' is not a port number");
    }
}
