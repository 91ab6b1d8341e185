package dev.ferry.cli.ps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.api.ApiTarget;
import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.run.LocalTerminal;
import dev.ferry.cli.run.RunSocketClient;
import dev.ferry.cli.run.WindowChanges;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.RunStart;
import dev.ferry.core.api.TerminalSize;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry run [-e K=V]… CMD [ARG…]}: runs a one-off process of the app's current release (its config vars,
 * sandboxed like its instances) over the control API's WebSocket, as {@code heroku run} does: on a terminal (when
 * this command's standard input and output are one) the process gets a PTY of the same size, this terminal is put
 * in raw mode (Ctrl-C reaches the process) and restored at the end; otherwise standard input is forwarded and its
 * standard output and error arrive apart. The words are passed exactly as given, except that a single word with
 * spaces or shell syntax is a command line run by {@code sh -c} ({@code ferry run "rake db:migrate && echo ok"}).
 * Exits with the process's exit code (127 when the program is not found). Options after the first word belong to
 * the command ({@code ferry run -a hello ls -la}); {@code --} ends Ferry's options.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a one-off process of the app's current release, interactively on a terminal; exits with its exit code.",
                "Example: ferry run -a hello bash",
                "Piped: echo hi | ferry run -a hello cat (input forwarded, stderr apart)"})
public final class RunCommand implements Callable<Integer>, EscapingPolicy {

    /** The size a terminal that does not know its own gets, as {@code {columns, rows}}. */
    private static final int[] DEFAULT_SIZE = {80, 24};

    /** A single word with any of these is a shell command line. */
    private static final String SHELL_SYNTAX = " \t\n;&|<>()$`\\\"'*?[]#~{}";

    /** The output of a command the user runs in their own app is theirs, as for a local command: as received. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }

    @Mixin
    AppOption app;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "An extra environment variable for this process (repeatable).")
    List<String> extraEnv;

    @Option(names = {"-s", "--size"}, paramLabel = "SIZE", description = "Heroku's dyno size; Ferry has no sizes, so any value is refused.")
    String size;

    @Option(names = "--no-tty", description = "Use pipes even on a terminal (output and error apart, no raw mode).")
    boolean noTty;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The program and its arguments, passed exactly as given.")
    List<String> command;

    private final CliEnvironment env;

    public RunCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        refuseSize(size);
        String name = app.name(env);
        List<String> words = words(command);
        Map<String, String> vars = extraEnv(extraEnv);
        ApiTarget target = ApiTarget.resolve(env);
        String token = target.token().orElseThrow(() -> new CliFailure(
                "no API token for " + target.url() + ": set FERRY_API_TOKEN or run ferry login"));
        URI uri = URI.create(target.url().replaceFirst("^http", "ws") + ApiCommand.appPath(name, "/run/attach"));
        Optional<LocalTerminal> terminal = !noTty && LocalTerminal.attached() ? Optional.of(new LocalTerminal()) : Optional.empty();
        if (terminal.isEmpty()) {
            return RunSocketClient.run(uri, token, new RunStart(words, vars, null), System.in, System.out, System.err, resizer -> { },
                    () -> explainNotFound(name));
        }
        LocalTerminal tty = terminal.get();
        int[] size = tty.size().orElse(DEFAULT_SIZE);
        String term = env.get("TERM");
        if (term != null && !vars.containsKey("TERM")) {
            vars.put("TERM", term);
        }
        RunStart start = new RunStart(words, vars, new TerminalSize(size[0], size[1]));
        try {
            tty.enterRaw();
        } catch (IOException e) {
            throw new CliFailure("could not put this terminal in raw mode: " + e.getMessage());
        }
        try {
            return RunSocketClient.run(uri, token, start, System.in, System.out, System.err,
                    resizer -> WindowChanges.follow(tty, resizer), () -> explainNotFound(name));
        } finally {
            tty.restore();
        }
    }

    /** Asks the API about the app, whose refusal (no such app, no access) is the sentence to show. */
    private void explainNotFound(String name) {
        ApiClient api = ApiClient.connect(env);
        api.typed(() -> api.apps().info(name));
    }

    /** The words to send: as given, or {@code sh -c WORD} for a single word that is a shell command line. */
    static List<String> words(List<String> command) {
        if (command.size() == 1 && command.getFirst().chars().anyMatch(c -> SHELL_SYNTAX.indexOf(c) >= 0)) {
            return List.of("sh", "-c", command.getFirst());
        }
        return List.copyOf(command);
    }

    /** The {@code -e KEY=VALUE} options as variables, in their order. */
    static Map<String, String> extraEnv(List<String> pairs) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliFailure("'" + pair + "' is not KEY=VALUE");
            }
            vars.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return vars;
    }

    static void refuseSize(String size) {
        if (size != null) {
            throw new CliFailure("Ferry has no process sizes (" + size + "): every process of an app runs with the same"
                    + " limits, set with ferry up's --pids-limit, --tmp-size and --app-disk-limit");
        }
    }
}
