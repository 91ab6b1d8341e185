package dev.ferry.cli;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.help.CommandCatalog;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code ferry} command; alone, it prints its usage with the commands grouped by topic. Its
 * subcommands come from a {@link CommandCatalog}, added by {@link FerryCli} (only the one that runs, when the
 * command line names one).
 */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Ferry: git push deploys, a live router and tunnels on your own machines.",
        footer = {"",
                "Run 'ferry help TOPIC' for a topic's commands, 'ferry COMMAND --help' for one command.",
                "",
                "Environment: FERRY_API_URL (default http://localhost:7070), FERRY_API_TOKEN, FERRY_DATA_DIR (default ~/.ferry), "
                        + "NO_COLOR. Without FERRY_API_TOKEN the token comes from the credentials file written by `ferry login` "
                        + "($XDG_CONFIG_HOME/ferry/credentials or ~/.config/ferry/credentials), else from <data-dir>/admin-token."})
public final class FerryCommand implements Runnable, EscapingPolicy {

    /** Text the CLI writes itself, for people or programs: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }


    private final CommandCatalog catalog;

    @Spec
    CommandSpec spec;

    public FerryCommand(CommandCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** The commands this {@code ferry} knows, by topic. */
    public CommandCatalog catalog() {
        return catalog;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
