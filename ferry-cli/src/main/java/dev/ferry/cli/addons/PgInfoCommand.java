package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry pg:info [NAME] -a APP}: each PostgreSQL add-on of the app, with its size, tables and connections
 * when {@code psql} is installed here.
 */
@Command(name = "pg:info", mixinStandardHelpOptions = true,
        description = "Show an app's PostgreSQL add-ons: server, attachments, size, tables and connections.")
public final class PgInfoCommand extends ApiCommand {

    private static final String STATS = "SELECT pg_size_pretty(pg_database_size(current_database())),"
            + " (SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog',"
            + " 'information_schema')), (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()),"
            + " current_setting('server_version')";

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this add-on.")
    String name;

    public PgInfoCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String appName = app.name(env);
        for (AttachedAddon addon : AttachedAddon.of(api, appName, "postgres", name)) {
            AddonTable.details(out, addon.addon());
            StringWriter stats = new StringWriter();
            int exit;
            try {
                exit = ClientProgram.run(env.terminal() ? new CliEnvironment(env.env(), env.home(), false) : env,
                        List.of("psql", "--no-psqlrc", "-AtF", "|", "-c", STATS, PgPsqlCommand.withoutPassword(addon)),
                        Map.of("PGPASSWORD", addon.password()), new PrintWriter(stats), new PrintWriter(new StringWriter()),
                        "");
            } catch (RuntimeException e) {
                exit = -1;
            }
            String[] fields = stats.toString().strip().split("\\|");
            if (exit == 0 && fields.length == 4) {
                out.println(String.format("%-11s %s", "Data size:", fields[0]));
                out.println(String.format("%-11s %s", "Tables:", fields[1]));
                out.println(String.format("%-11s %s", "Connections:", fields[2]));
                out.println(String.format("%-11s %s", "PG version:", fields[3]));
            } else {
                out.println("(size and tables: install psql here, or the server refused: see ferry pg:psql)");
            }
            out.println();
        }
    }
}
