package dev.ferry.cli;

import dev.ferry.cli.help.CommandCatalog;
import dev.ferry.cli.help.HelpLayout;
import dev.ferry.cli.help.Suggestions;
import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.OutputEscaping;
import dev.ferry.cli.output.Style;
import dev.ferry.cli.output.TerminalWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of the {@code ferry} command line. {@link #commandLine(CliEnvironment)} gives the picocli
 * {@link CommandLine} with every CLI subcommand registered; {@link #run(List, String...)} executes one
 * invocation, building only the command it names (picocli reads a command's annotations when it is added, and
 * reading all of them costs more than the rest of a call), and returns its exit code.
 *
 * <p>Exit codes: 0 on success, {@value CliFailure#EXIT_FAILURE} on a failure, 2 on a usage error; a failure
 * prints exactly one line, {@code ferry: <sentence>}, on stderr. Everything a command prints goes through
 * {@link OutputEscaping}, so text from the server cannot carry terminal control characters.
 */
public final class FerryCli {

    /** The exit code of a command line that could not be parsed. */
    public static final int EXIT_USAGE = 2;

    /** Commands that need every other command registered to do their work. */
    private static final Set<String> NEED_ALL = Set.of("help", "completion");

    private FerryCli() {
    }

    /** The {@code ferry} command line with every CLI command, reading the process's real environment. */
    public static CommandLine commandLine() {
        return commandLine(CliEnvironment.system());
    }

    /** The {@code ferry} command line with every CLI command, reading {@code env} (tests pass their own). */
    public static CommandLine commandLine(CliEnvironment env) {
        return commandLine(env, CommandCatalog.cli(), new String[0]);
    }

    /**
     * The command line for {@code args}: when {@code args[0]} names a command of {@code catalog}, only that
     * command is registered; otherwise (help, a typo, no command) all of them are.
     */
    public static CommandLine commandLine(CliEnvironment env, CommandCatalog catalog, String... args) {
        EnvironmentFactory factory = new EnvironmentFactory(env);
        CommandLine cli = new CommandLine(new FerryCommand(catalog), factory);
        Optional<CommandCatalog.Entry> only = args.length == 0 ? Optional.empty()
                : catalog.command(args[0]).filter(e -> !NEED_ALL.contains(e.name()));
        for (CommandCatalog.Entry entry : only.map(List::of).orElse(catalog.entries())) {
            cli.addSubcommand(entry.name(), create(factory, entry.type()));
        }
        HelpLayout.install(cli, env);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // a refusal, or input the CLI checked itself (an app name, a KEY=VALUE): the message says why
            String message = e instanceof CliFailure || e instanceof IllegalArgumentException ? e.getMessage()
                    : "unexpected failure: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getName());
            printError(TerminalWriter.over(commandLine.getErr(), Escaping.ALL, env.colour()), "ferry: " + message);
            return CliFailure.EXIT_FAILURE;
        });
        cli.setParameterExceptionHandler((e, arguments) -> usageError(e, env));
        cli.setExecutionStrategy(parseResult -> {
            OutputEscaping.install(parseResult, env);
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                // the escaping writers buffer: what a command printed must be out before the JVM exits
                CommandLine last = parseResult.asCommandLineList().getLast();
                last.getOut().flush();
                last.getErr().flush();
            }
        });
        for (String name : List.of("run", "run:detached")) {
            CommandLine run = cli.getSubcommands().get(name);
            if (run != null) {
                // `ferry run -a hello ls -la`: options after the command's first word are the command's own
                run.setStopAtPositional(true);
            }
        }
        return cli;
    }

    /** Runs one invocation of {@code ferry}, with {@code roles} as extra commands, in the real environment. */
    public static int run(List<CommandCatalog.Entry> roles, String... args) {
        return commandLine(CliEnvironment.system(), CommandCatalog.cli().withRoles(roles), args).execute(args);
    }

    /** Runs one invocation of {@code ferry} with the real environment and returns its exit code. */
    public static int run(String... args) {
        return run(List.of(), args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    private static Object create(IFactory factory, Class<?> type) {
        try {
            return factory.create(type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the command " + type.getName(), e);
        }
    }

    private static int usageError(ParameterException e, CliEnvironment env) {
        CommandLine cmd = e.getCommandLine();
        TerminalWriter err = TerminalWriter.over(cmd.getErr(), Escaping.ALL, env.colour());
        if (cmd.getParent() == null && e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().getFirst().startsWith("-")) {
            String typed = unmatched.getUnmatched().getFirst();
            List<String> close = Suggestions.closest(typed, cmd.getSubcommands().keySet());
            printError(err, "ferry: '" + typed + "' is not a ferry command."
                    + (close.isEmpty() ? "" : " Did you mean " + String.join(" or ", close) + "?") + " (see 'ferry help')");
        } else {
            printError(err, "ferry: " + e.getMessage() + " (see 'ferry " + commandPath(cmd) + "--help')");
        }
        return EXIT_USAGE;
    }

    /** One error line, escaped, red when colour is on. */
    private static void printError(TerminalWriter err, String line) {
        err.printStyled(Style.RED, line);
        err.println();
        err.flush();
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
