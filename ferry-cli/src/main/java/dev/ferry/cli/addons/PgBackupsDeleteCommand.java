package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry pg:backups:delete BACKUP [NAME] -a APP}: deletes one backup of the app's PostgreSQL add-on. */
@Command(name = "pg:backups:delete", mixinStandardHelpOptions = true,
        description = "Delete a backup of an app's PostgreSQL add-on.")
public final class PgBackupsDeleteCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "BACKUP", description = "The backup, e.g. b002.")
    String backup;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The add-on, when the app has several.")
    String name;

    public PgBackupsDeleteCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String addon = PostgresAddon.named(api, app.name(env), name);
        api.typedVoid(() -> api.addons().deleteBackup(addon, backup));
        out.println("Deleted " + backup + " of " + addon);
    }
}
