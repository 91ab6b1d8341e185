package dev.ferry.server;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import dev.ferry.cli.help.CommandCatalog;
import dev.ferry.server.gateway.GatewayCommand;
import dev.ferry.server.kubernetes.KubernetesControllerCommand;
import dev.ferry.server.store.StoreMigrateCommand;
import dev.ferry.server.up.ControlCommand;
import dev.ferry.server.up.RouterCommand;
import dev.ferry.server.up.UpCommand;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code ferry} binary: the CLI's commands plus the roles that run servers ({@code up}, {@code router}, {@code control}, {@code gateway}, {@code kubernetes-controller}) and {@code store:migrate},
 * listed under the {@code platform} topic of {@code ferry --help}. The {@code ./ferry} launcher at the
 * repository root builds this jar and runs it. Only the command an invocation names is built, so a CLI command
 * never loads the server's classes.
 */
public final class Main {

    /** The roles this binary adds to the CLI. */
    public static final List<CommandCatalog.Entry> ROLES = List.of(
            new CommandCatalog.Entry("up", UpCommand.class),
            new CommandCatalog.Entry("router", RouterCommand.class),
            new CommandCatalog.Entry("control", ControlCommand.class),
            new CommandCatalog.Entry("gateway", GatewayCommand.class),
            new CommandCatalog.Entry("kubernetes-controller", KubernetesControllerCommand.class),
            new CommandCatalog.Entry("store:migrate", StoreMigrateCommand.class));

    private Main() {
    }

    /** The command line of this binary for {@code args} in {@code env}. */
    public static CommandLine commandLine(CliEnvironment env, String... args) {
        return FerryCli.commandLine(env, CommandCatalog.cli().withRoles(ROLES), args);
    }

    public static void main(String[] args) {
        System.exit(FerryCli.run(ROLES, args));
    }
}
