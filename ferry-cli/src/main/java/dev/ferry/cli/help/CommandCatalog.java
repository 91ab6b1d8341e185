package dev.ferry.cli.help;

import dev.ferry.cli.CompletionCommand;
import dev.ferry.cli.access.AccessAddCommand;
import dev.ferry.cli.access.AccessCommand;
import dev.ferry.cli.access.AccessRemoveCommand;
import dev.ferry.cli.apps.AppsCommand;
import dev.ferry.cli.apps.AppsCreateCommand;
import dev.ferry.cli.apps.AppsDestroyCommand;
import dev.ferry.cli.apps.AppsInfoCommand;
import dev.ferry.cli.apps.AppsRenameCommand;
import dev.ferry.cli.apps.DashboardCommand;
import dev.ferry.cli.apps.MaintenanceCommand;
import dev.ferry.cli.apps.MaintenanceOffCommand;
import dev.ferry.cli.apps.MaintenanceOnCommand;
import dev.ferry.cli.apps.OpenCommand;
import dev.ferry.cli.builds.BuildsCommand;
import dev.ferry.cli.builds.BuildsOutputCommand;
import dev.ferry.cli.config.ConfigCommand;
import dev.ferry.cli.config.ConfigEditCommand;
import dev.ferry.cli.config.ConfigExportCommand;
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
import dev.ferry.cli.login.LoginCommand;
import dev.ferry.cli.logs.DrainsAddCommand;
import dev.ferry.cli.addons.AddonsAttachCommand;
import dev.ferry.cli.addons.AddonsCommand;
import dev.ferry.cli.addons.AddonsCreateCommand;
import dev.ferry.cli.addons.AddonsDestroyCommand;
import dev.ferry.cli.addons.AddonsDetachCommand;
import dev.ferry.cli.addons.AddonsInfoCommand;
import dev.ferry.cli.addons.PgBackupsCaptureCommand;
import dev.ferry.cli.addons.PgBackupsCommand;
import dev.ferry.cli.addons.PgBackupsDeleteCommand;
import dev.ferry.cli.addons.PgBackupsDownloadCommand;
import dev.ferry.cli.addons.PgBackupsRestoreCommand;
import dev.ferry.cli.addons.PgCredentialsRotateCommand;
import dev.ferry.cli.addons.PgInfoCommand;
import dev.ferry.cli.addons.PgPsqlCommand;
import dev.ferry.cli.addons.RedisCliCommand;
import dev.ferry.cli.certs.CertsAddCommand;
import dev.ferry.cli.usage.UsageCommand;
import dev.ferry.cli.certs.CertsAutoCommand;
import dev.ferry.cli.certs.CertsAutoDisableCommand;
import dev.ferry.cli.certs.CertsAutoEnableCommand;
import dev.ferry.cli.certs.CertsCommand;
import dev.ferry.cli.certs.CertsRemoveCommand;
import dev.ferry.cli.certs.HttpsForceCommand;
import dev.ferry.cli.certs.HttpsHstsCommand;
import dev.ferry.cli.logs.DrainsCommand;
import dev.ferry.cli.logs.DrainsRemoveCommand;
import dev.ferry.cli.logs.LogsCommand;
import dev.ferry.cli.ps.PsCommand;
import dev.ferry.cli.ps.PsRestartCommand;
import dev.ferry.cli.ps.PsAutoscaleCommand;
import dev.ferry.cli.ps.PsScaleCommand;
import dev.ferry.cli.ps.PsStopCommand;
import dev.ferry.cli.ps.RunCommand;
import dev.ferry.cli.ps.RunDetachedCommand;
import dev.ferry.cli.releases.ReleasesCommand;
import dev.ferry.cli.releases.ReleasesInfoCommand;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every command of {@code ferry}, by topic, in the order {@code ferry --help} lists them. Names are written out
 * here (and checked against each class's {@code @Command} name by a test) so that one invocation can find its
 * command without reading the annotations of all the others: {@link dev.ferry.cli.FerryCli} builds only the
 * command it runs. The roles that run servers ({@code up}, {@code gateway}) are not in the CLI module; the
 * binary adds them as the {@code platform} topic with {@link #withRoles(List)}.
 */
public final class CommandCatalog {

    /** One command: its name as typed and the picocli class that implements it. */
    public record Entry(String name, Class<?> type) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A topic: the word before the colon of its commands, a one-line summary, and its commands. */
    public record Topic(String name, String summary, List<Entry> commands) {
        public Topic {
            commands = List.copyOf(commands);
        }
    }

    private static final List<Topic> CLI_TOPICS = List.of(
            topic("apps", "create, inspect, rename and destroy apps",
                    e("apps", AppsCommand.class), e("apps:create", AppsCreateCommand.class),
                    e("apps:info", AppsInfoCommand.class), e("apps:rename", AppsRenameCommand.class),
                    e("apps:destroy", AppsDestroyCommand.class), e("open", OpenCommand.class),
                    e("maintenance", MaintenanceCommand.class), e("maintenance:on", MaintenanceOnCommand.class),
                    e("maintenance:off", MaintenanceOffCommand.class), e("dashboard", DashboardCommand.class)),
            topic("config", "config vars: the environment of an app's processes",
                    e("config", ConfigCommand.class), e("config:get", ConfigGetCommand.class),
                    e("config:set", ConfigSetCommand.class), e("config:unset", ConfigUnsetCommand.class),
                    e("config:edit", ConfigEditCommand.class), e("config:export", ConfigExportCommand.class)),
            topic("ps", "processes: list, scale, autoscale, restart, stop, and one-off runs",
                    e("ps", PsCommand.class), e("ps:scale", PsScaleCommand.class), e("ps:restart", PsRestartCommand.class),
                    e("ps:stop", PsStopCommand.class), e("ps:autoscale", PsAutoscaleCommand.class),
                    e("run", RunCommand.class), e("run:detached", RunDetachedCommand.class)),
            topic("releases", "releases and rollbacks",
                    e("releases", ReleasesCommand.class), e("releases:info", ReleasesInfoCommand.class),
                    e("rollback", RollbackCommand.class)),
            topic("builds", "builds made by git push, and their output",
                    e("builds", BuildsCommand.class), e("builds:output", BuildsOutputCommand.class)),
            topic("logs", "an app's logs and where else they go (drains)",
                    e("logs", LogsCommand.class), e("drains", DrainsCommand.class),
                    e("drains:add", DrainsAddCommand.class), e("drains:remove", DrainsRemoveCommand.class)),
            topic("domains", "custom domains of an app",
                    e("domains", DomainsCommand.class), e("domains:add", DomainsAddCommand.class),
                    e("domains:remove", DomainsRemoveCommand.class)),
            topic("certs", "HTTPS: an app's TLS certificates, the redirect to HTTPS and HSTS",
                    e("certs", CertsCommand.class), e("certs:add", CertsAddCommand.class),
                    e("certs:remove", CertsRemoveCommand.class), e("certs:auto", CertsAutoCommand.class),
                    e("certs:auto:enable", CertsAutoEnableCommand.class),
                    e("certs:auto:disable", CertsAutoDisableCommand.class), e("https:force", HttpsForceCommand.class),
                    e("https:hsts", HttpsHstsCommand.class)),
            topic("addons", "databases and Redis of an app's own (add-ons)",
                    e("addons", AddonsCommand.class), e("addons:create", AddonsCreateCommand.class),
                    e("addons:info", AddonsInfoCommand.class), e("addons:attach", AddonsAttachCommand.class),
                    e("addons:detach", AddonsDetachCommand.class), e("addons:destroy", AddonsDestroyCommand.class),
                    e("pg:psql", PgPsqlCommand.class), e("pg:info", PgInfoCommand.class),
                    e("pg:backups", PgBackupsCommand.class), e("pg:backups:capture", PgBackupsCaptureCommand.class),
                    e("pg:backups:restore", PgBackupsRestoreCommand.class),
                    e("pg:backups:download", PgBackupsDownloadCommand.class),
                    e("pg:backups:delete", PgBackupsDeleteCommand.class),
                    e("pg:credentials:rotate", PgCredentialsRotateCommand.class),
                    e("redis:cli", RedisCliCommand.class)),
            topic("routes", "routes of the router to any URL or TCP target (admin)",
                    e("routes", RoutesCommand.class), e("routes:add", RoutesAddCommand.class),
                    e("routes:remove", RoutesRemoveCommand.class), e("routes:tcp", TcpRoutesCommand.class),
                    e("routes:tcp:add", TcpRoutesAddCommand.class), e("routes:tcp:remove", TcpRoutesRemoveCommand.class)),
            topic("access", "collaborators of an app",
                    e("access", AccessCommand.class), e("access:add", AccessAddCommand.class),
                    e("access:remove", AccessRemoveCommand.class)),
            topic("keys", "SSH keys for git push over SSH",
                    e("keys", KeysCommand.class), e("keys:add", KeysAddCommand.class), e("keys:remove", KeysRemoveCommand.class)),
            topic("users", "users of this Ferry, and your API tokens",
                    e("users", UsersCommand.class), e("users:add", UsersAddCommand.class), e("tokens", TokensCommand.class),
                    e("tokens:create", TokensCreateCommand.class), e("tokens:revoke", TokensRevokeCommand.class)),
            topic("usage", "what apps used per day: instance time, requests, bytes, builds",
                    e("usage", UsageCommand.class)),
            topic("tunnels", "serve an app running on this device under a Ferry name",
                    e("tunnel", TunnelCommand.class)),
            topic("git", "git remotes and credentials for pushing to Ferry",
                    e("git:remote", GitRemoteCommand.class), e("git:credential", GitCredentialCommand.class)),
            topic("cli", "the ferry command itself",
                    e("login", LoginCommand.class), e("help", HelpCommand.class), e("version", VersionCommand.class),
                    e("completion", CompletionCommand.class)));

    private final List<Topic> topics;

    private CommandCatalog(List<Topic> topics) {
        this.topics = List.copyOf(topics);
    }

    /** The CLI's own commands. */
    public static CommandCatalog cli() {
        return new CommandCatalog(CLI_TOPICS);
    }

    /** This catalog with the server roles ({@code up}, {@code gateway}) as the {@code platform} topic, listed first. */
    public CommandCatalog withRoles(List<Entry> roles) {
        if (roles.isEmpty()) {
            return this;
        }
        List<Topic> all = new ArrayList<>();
        all.add(new Topic("platform", "run Ferry's servers on this machine", roles));
        all.addAll(topics);
        return new CommandCatalog(all);
    }

    public List<Topic> topics() {
        return topics;
    }

    /** Every command, in listing order. */
    public List<Entry> entries() {
        return topics.stream().flatMap(t -> t.commands().stream()).toList();
    }

    public Optional<Entry> command(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Topic> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static Entry e(String name, Class<?> type) {
        return new Entry(name, type);
    }

    private static Topic topic(String name, String summary, Entry... commands) {
        return new Topic(name, summary, List.of(commands));
    }
}
