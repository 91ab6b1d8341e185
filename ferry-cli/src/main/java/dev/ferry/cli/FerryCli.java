package dev.ferry.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;

/**
 * The entry point of the {@code ferry} command line. {@link #commandLine()} gives the picocli
 * {@link CommandLine} with every CLI subcommand registered (the composition root adds {@code up} to it
 * with {@code addSubcommand}); {@link #run(String...)} executes one invocation and returns its exit code.
 *
 * <p>Exit codes: 0 on success, {@value CliFailure#EXIT_FAILURE} on a failure, 2 on a usage error; a failure
 * prints exactly one line, {@code ferry: <sentence>}, on stderr.
 */
public final class FerryCli {

    /** The exit code of a command line that could not be parsed. */
    public static final int EXIT_USAGE = 2;

    private FerryCli() {
    }

    /** The {@code ferry} command line reading the process's real environment. */
    public static CommandLine commandLine() {
        return commandLine(CliEnvironment.system());
    }

    /** The {@code ferry} command line reading {@code env} (tests pass their own). */
    public static CommandLine commandLine(CliEnvironment env) {
        CommandLine cli = new CommandLine(new FerryCommand(), new EnvironmentFactory(env));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof CliFailure || e instanceof IllegalArgumentException) {
                // a refusal, or input the CLI checked itself (an app name, a KEY=VALUE): the message says why
                err.println("ferry: " + e.getMessage());
            } else {
                err.println("ferry: unexpected failure: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getName()));
            }
            err.flush();
            return CliFailure.EXIT_FAILURE;
        });
        cli.setParameterExceptionHandler(FerryCli::usageError);
        // `ferry run -a hello ls -la`: options after the command's first word are the command's own
        cli.getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }

    /** Runs one invocation of {@code ferry} with the real environment and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("ferry: " + e.getMessage() + " (see 'ferry " + commandPath(cmd) + "--help')");
        err.flush();
        return EXIT_USAGE;
    }

    private static String commandPath(CommandLine cmd) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = cmd; c != null && c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }

    /** Builds commands that take a {@link CliEnvironment} with it; others with picocli's default factory. */
    private record EnvironmentFactory(CliEnvironment env) implements IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> withEnv = cls.getDeclaredConstructor(CliEnvironment.class);
                return withEnv.newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
