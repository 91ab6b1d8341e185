package dev.ferry.cli.addons;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AddonBackupInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry pg:backups [NAME] -a APP [--json]}: the backups of the app's PostgreSQL add-on, oldest first. */
@Command(name = "pg:backups", mixinStandardHelpOptions = true,
        description = "List the backups of an app's PostgreSQL add-on (the only one, or NAME), oldest first.")
public final class PgBackupsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The add-on, when the app has several.")
    String name;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"id\",\"addon\",\"sizeBytes\",\"createdAt\"}…].")
    boolean json;

    public PgBackupsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String addon = PostgresAddon.named(api, app.name(env), name);
        Read<AddonBackupInfo[]> backups = api.typed(() -> api.addons().backups(addon));
        if (json) {
            printJson(out, backups.json());
            return;
        }
        if (backups.value().length == 0) {
            out.println(addon + " has no backups (take one with: ferry pg:backups:capture -a " + app.name(env) + ")");
            return;
        }
        TextTable table = new TextTable("ID", "ADD-ON", "SIZE", "CREATED");
        for (AddonBackupInfo b : backups.value()) {
            table.row(b.id(), b.addon(), PostgresAddon.size(b.sizeBytes()), b.createdAt());
        }
        table.print(out, env.colour());
    }
}
