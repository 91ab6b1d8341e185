package dev.ferry.cli.config;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry config:export}: the config vars as {@code KEY='value'} lines, as {@code ferry config --shell}. */
@Command(name = "config:export", mixinStandardHelpOptions = true,
        description = {"Print an app's config vars as KEY='value' lines a shell reads back,",
                "e.g. eval \"$(ferry config:export -a hello)\"."})
public final class ConfigExportCommand extends ApiCommand implements EscapingPolicy {

    @Mixin
    AppOption app;

    public ConfigExportCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    public Escaping escaping() {
        return env.terminal() ? Escaping.ALL : Escaping.NONE;
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        ShellQuoting.print(out, api.typed(() -> api.config().get(name)));
    }
}
