package dev.ferry.cli;

import dev.ferry.cli.access.AccessAddCommand;
import dev.ferry.cli.access.AccessCommand;
import dev.ferry.cli.access.AccessRemoveCommand;
import dev.ferry.cli.apps.AppsCommand;
import dev.ferry.cli.apps.AppsCreateCommand;
import dev.ferry.cli.apps.AppsDestroyCommand;
import dev.ferry.cli.apps.AppsInfoCommand;
import dev.ferry.cli.builds.BuildsCommand;
import dev.ferry.cli.builds.BuildsOutputCommand;
import dev.ferry.cli.config.ConfigCommand;
import dev.ferry.cli.config.ConfigGetCommand;
import dev.ferry.cli.config.ConfigSetCommand;
import dev.ferry.cli.config.ConfigUnsetCommand;
import dev.ferry.cli.domains.DomainsAddCommand;
import dev.ferry.cli.domains.DomainsCommand;
import dev.ferry.cli.domains.DomainsRemoveCommand;
import dev.ferry.cli.git.GitCredentialCommand;
import dev.ferry.cli.git.GitRemoteCommand;
import dev.ferry.cli.keys.KeysAddCommand;
import dev.ferry.cli.keys.KeysCommand;
import dev.ferry.cli.keys.KeysRemoveCommand;
import dev.ferry.cli.logs.DrainsAddCommand;
import dev.ferry.cli.logs.DrainsCommand;
import dev.ferry.cli.logs.DrainsRemoveCommand;
import dev.ferry.cli.logs.LogsCommand;
import dev.ferry.cli.login.LoginCommand;
import dev.ferry.cli.ps.PsCommand;
import dev.ferry.cli.ps.PsRestartCommand;
import dev.ferry.cli.ps.PsScaleCommand;
import dev.ferry.cli.ps.PsStopCommand;
import dev.ferry.cli.ps.RunCommand;
import dev.ferry.cli.releases.ReleasesCommand;
import dev.ferry.cli.releases.RollbackCommand;
import dev.ferry.cli.routes.RoutesAddCommand;
import dev.ferry.cli.routes.RoutesCommand;
import dev.ferry.cli.routes.RoutesRemoveCommand;
import dev.ferry.cli.routes.TcpRoutesAddCommand;
import dev.ferry.cli.routes.TcpRoutesCommand;
import dev.ferry.cli.routes.TcpRoutesRemoveCommand;
import dev.ferry.cli.tunnel.TunnelCommand;
import dev.ferry.cli.users.TokensCommand;
import dev.ferry.cli.users.TokensCreateCommand;
import dev.ferry.cli.users.TokensRevokeCommand;
import dev.ferry.cli.users.UsersAddCommand;
import dev.ferry.cli.users.UsersCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code ferry} command; alone, it prints its usage. Subcommands are listed here. */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Ferry: git push deploys, a live router and tunnels on your own machines.",
        subcommands = {LoginCommand.class,
                AppsCommand.class, AppsCreateCommand.class, AppsInfoCommand.class, AppsDestroyCommand.class,
                ConfigCommand.class, ConfigGetCommand.class, ConfigSetCommand.class, ConfigUnsetCommand.class,
                ReleasesCommand.class, RollbackCommand.class,
                PsCommand.class, PsScaleCommand.class, PsRestartCommand.class, PsStopCommand.class, RunCommand.class,
                BuildsCommand.class, BuildsOutputCommand.class,
                DomainsCommand.class, DomainsAddCommand.class, DomainsRemoveCommand.class,
                LogsCommand.class, DrainsCommand.class, DrainsAddCommand.class, DrainsRemoveCommand.class,
                AccessCommand.class, AccessAddCommand.class, AccessRemoveCommand.class,
                UsersCommand.class, UsersAddCommand.class, TokensCommand.class, TokensCreateCommand.class, TokensRevokeCommand.class,
                RoutesCommand.class, RoutesAddCommand.class, RoutesRemoveCommand.class,
                TcpRoutesCommand.class, TcpRoutesAddCommand.class, TcpRoutesRemoveCommand.class,
                GitRemoteCommand.class, GitCredentialCommand.class, TunnelCommand.class,
                KeysCommand.class, KeysAddCommand.class, KeysRemoveCommand.class,
                CompletionCommand.class},
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
