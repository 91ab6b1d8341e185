package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry pg:backups:restore [BACKUP] [NAME] -a APP --confirm APP}: restores a backup (the newest by default)
 * into the add-on's database, in one transaction.
 */
@Command(name = "pg:backups:restore", mixinStandardHelpOptions = true,
        description = {"Restore a backup (the newest unless BACKUP is given) into an app's PostgreSQL add-on: the"
                + " backup's tables and other objects replace those of the same name; objects made since stay. It"
                + " runs in one transaction: when it fails, the database is left as it was.",
                "Repeat the app's name with --confirm."})
public final class PgBackupsRestoreCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP", description = "The backup, e.g. b002; default: the newest.")
    String backup;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The add-on, when the app has several.")
    String name;

    @Option(names = "--confirm", paramLabel = "APP", required = true, description = "The app's name again, to confirm.")
    String confirm;

    public PgBackupsRestoreCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String appName = app.name(env);
        if (!appName.equals(confirm)) {
            throw new CliFailure("--confirm " + confirm + " does not match the app " + appName + "; nothing was restored");
        }
        String addon = PostgresAddon.named(api, appName, name);
        String id = PostgresAddon.backup(api, addon, backup);
        api.typed(() -> api.addons().restore(addon, id, appName, PostgresAddon.DUMP_TIMEOUT));
        out.println("Restored " + id + " into " + addon);
    }
}
