package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AddonBackupInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry pg:backups:capture [NAME] -a APP}: dumps the add-on's database now, and says the new backup's id. */
@Command(name = "pg:backups:capture", mixinStandardHelpOptions = true,
        description = "Back up an app's PostgreSQL add-on now (pg_dump's custom format, kept by Ferry).")
public final class PgBackupsCaptureCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The add-on, when the app has several.")
    String name;

    public PgBackupsCaptureCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String addon = PostgresAddon.named(api, app.name(env), name);
        AddonBackupInfo b = api.typed(() -> api.addons().capture(addon, PostgresAddon.DUMP_TIMEOUT));
        out.println("Backed up " + addon + " as " + b.id() + " (" + PostgresAddon.size(b.sizeBytes()) + ")");
    }
}
