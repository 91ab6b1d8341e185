package dev.ferry.server;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The binary's command line as {@link Main} builds it for {@code ferry ARGS}, in-process, with an empty environment
 * and {@code home} as the user's home and the CLI's config directory: for the tests of a role's flags and help.
 */
public final class FerryCommandLine {

    private FerryCommandLine() {
    }

    /** Runs {@code ferry ARGS} and returns its exit code and output. */
    public static CommandRunner.Result run(Path home, String... args) {
        return CommandRunner.run(commandLine(home, args), args);
    }

    /** The command line {@link Main} builds for {@code args}, without running it. */
    public static CommandLine commandLine(Path home, String... args) {
        return Main.commandLine(new CliEnvironment(Map.of(), home, false, home), args);
    }
}
