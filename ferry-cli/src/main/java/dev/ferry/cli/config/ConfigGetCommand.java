package dev.ferry.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
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
        description = "Print the value of one config var, exactly as stored (fails when it is not set).")
public final class ConfigGetCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "KEY", description = "The config var's name.")
    String key;

    public ConfigGetCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        JsonNode value = api.get(appPath(name, "/config")).body().get(key);
        if (value == null || !value.isTextual()) {
            throw new CliFailure("the config var " + key + " is not set on " + name);
        }
        out.println(value.textValue());
    }
}
