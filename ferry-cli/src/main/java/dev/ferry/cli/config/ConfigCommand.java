package dev.ferry.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry config [--json]}: an app's config vars, {@code NAME: value} aligned, or as a JSON object. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show an app's config vars.")
public final class ConfigCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the vars as one JSON object.")
    boolean json;

    public ConfigCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        JsonNode config = api.get(appPath(name, "/config")).body();
        if (json) {
            printJson(out, config);
            return;
        }
        out.println("=== " + name + " Config Vars");
        int width = 0;
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            width = Math.max(width, e.getKey().length() + 1);
        }
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            out.println(String.format("%-" + width + "s", e.getKey() + ":") + " " + e.getValue().asText());
        }
    }
}
