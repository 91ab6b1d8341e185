package dev.ferry.cli.config;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry config [--json|--shell]}: an app's config vars, {@code NAME: value} aligned, as a JSON object, or as
 * shell lines {@code NAME='value'} ({@link ShellQuoting}, also {@code config:export}).
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show an app's config vars.")
public final class ConfigCommand extends ApiCommand implements EscapingPolicy {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the vars as one JSON object.")
    boolean json;

    @Option(names = {"-s", "--shell"}, description = "Print the vars as KEY='value' lines for a shell.")
    boolean shell;

    public ConfigCommand(CliEnvironment env) {
        super(env);
    }

    /** Shell lines are printed exactly as stored when piped, as config:get prints a value. */
    @Override
    public Escaping escaping() {
        return shell && !env.terminal() ? Escaping.NONE : Escaping.ALL;
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        Map<String, String> config = api.typed(() -> api.config().get(name));
        if (json) {
            out.println(ApiClient.write(config));
            return;
        }
        if (shell) {
            ShellQuoting.print(out, config);
            return;
        }
        out.println("=== " + name + " Config Vars");
        int width = 0;
        for (String var : config.keySet()) {
            width = Math.max(width, var.length() + 1);
        }
        for (Map.Entry<String, String> e : config.entrySet()) {
            out.println(String.format("%-" + width + "s", e.getKey() + ":") + " " + e.getValue());
        }
    }
}
