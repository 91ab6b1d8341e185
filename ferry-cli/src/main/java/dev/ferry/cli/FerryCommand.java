package dev.ferry.cli;

import dev.ferry.cli.login.LoginCommand;
import dev.ferry.cli.routes.RoutesAddCommand;
import dev.ferry.cli.routes.RoutesCommand;
import dev.ferry.cli.routes.RoutesRemoveCommand;
import dev.ferry.cli.routes.TcpRoutesAddCommand;
import dev.ferry.cli.routes.TcpRoutesCommand;
import dev.ferry.cli.routes.TcpRoutesRemoveCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code ferry} command; alone, it prints its usage. Subcommands are listed here. */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Ferry: git push deploys, a live router and tunnels on your own machines.",
        subcommands = {LoginCommand.class, RoutesCommand.class, RoutesAddCommand.class, RoutesRemoveCommand.class,
                TcpRoutesCommand.class, TcpRoutesAddCommand.class, TcpRoutesRemoveCommand.class},
        footer = {"",
                "Environment: FERRY_API_URL (default http://localhost:7070), FERRY_API_TOKEN, FERRY_DATA_DIR (default ~/.ferry),",
                "NO_COLOR. Without FERRY_API_TOKEN the token comes from the credentials file written by `ferry login`",
                "($XDG_CONFIG_HOME/ferry/credentials or ~/.config/ferry/credentials), else from <data-dir>/admin-token."})
public final class FerryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
