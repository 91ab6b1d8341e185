package dev.ferry.cli.logs;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry logs [-n N] [-t] [-p TYPE|INSTANCE]}: the app's last lines (instances' output, router access
 * lines, platform events) in Heroku's shape; with {@code -t}, keeps printing new lines until Ctrl-C.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Show an app's logs: its instances' output, router access lines and platform events.")
public final class LogsCommand implements Callable<Integer>, EscapingPolicy {

    @Spec
    CommandSpec spec;

    @Mixin
    AppOption app;

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "100",
            description = "How many recent lines to show (default ${DEFAULT-VALUE}, at most 1500).")
    int lines;

    @Option(names = {"-t", "--tail"}, description = "Keep showing new lines as they come, until Ctrl-C.")
    boolean tail;

    @Option(names = {"-p", "--ps"}, paramLabel = "TYPE", description = "Only this process type (web) or instance (web.1).")
    String process;

    private final CliEnvironment env;

    public LogsCommand(CliEnvironment env) {
        this.env = env;
    }

    /** On a terminal, app output keeps its colours and loses every other control; piped, it is written as received. */
    @Override
    public Escaping escaping() {
        return env.terminal() ? Escaping.KEEP_COLOUR : Escaping.NONE;
    }

    @Override
    public Integer call() {
        if (lines < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-n must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        String path = ApiCommand.appPath(app.name(env), "/logs?lines=" + lines
                + (process == null ? "" : "&ps=" + ApiCommand.segment(process)) + (tail ? "&tail=true" : ""));
        LogStream.connect(env).read(path, tail, line -> {
            out.println(line);
            if (tail) {
                out.flush();
            }
        });
        out.flush();
        return 0;
    }
}
