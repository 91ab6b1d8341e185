package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.support.AppOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry pg:psql [NAME] [-c SQL] -a APP}: opens {@code psql} on the app's PostgreSQL add-on with the
 * credentials of its config, the password passed as {@code PGPASSWORD}; exits with psql's exit code.
 */
@Command(name = "pg:psql", mixinStandardHelpOptions = true,
        description = "Open psql on an app's PostgreSQL add-on (the only one, or NAME) with the app's credentials.")
public final class PgPsqlCommand implements Callable<Integer>, EscapingPolicy {

    /** What the client prints comes from the user's own database, as from a local psql or redis-cli: as received. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The add-on, when the app has several.")
    String name;

    @Option(names = {"-c", "--command"}, paramLabel = "SQL", description = "Run this SQL and exit, as psql -c.")
    String sql;

    private final CliEnvironment env;

    public PgPsqlCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String appName = app.name(env);
        AttachedAddon addon = AttachedAddon.one(ApiClient.connect(env), appName, "postgres", name);
        List<String> command = new ArrayList<>(List.of("psql", "--no-psqlrc", withoutPassword(addon)));
        if (sql != null) {
            command.addAll(List.of("-c", sql));
        }
        return ClientProgram.run(env, command, Map.of("PGPASSWORD", addon.password()), spec.commandLine().getOut(),
                spec.commandLine().getErr(), "Debian: apt-get install postgresql-client");
    }

    static String withoutPassword(AttachedAddon addon) {
        return "postgresql://" + addon.user() + "@" + addon.url().getHost() + ":" + addon.url().getPort()
                + addon.url().getRawPath();
    }
}
