package dev.ferry.cli.config;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry config:get KEY}: prints one value exactly as stored, followed by a newline. */
@Command(name = "config:get", mixinStandardHelpOptions = true,
        description = {"Print the value of one config var (fails when it is not set).",
                "Piped, the value is printed exactly as stored; on a terminal, control characters are escaped."})
public final class ConfigGetCommand extends ApiCommand implements EscapingPolicy {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "KEY", description = "The config var's name.")
    String key;

    public ConfigGetCommand(CliEnvironment env) {
        super(env);
    }

    /** Escaped on a terminal; exactly as stored when piped ({@code $(ferry config:get KEY)}). */
    @Override
    public Escaping escaping() {
        return env.terminal() ? Escaping.ALL : Escaping.NONE;
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        String value = api.typed(() -> api.config().get(name)).get(key);
        if (value == null) {
            throw new CliFailure("the config var " + key + " is not set on " + name);
        }
        out.println(value);
    }
}
