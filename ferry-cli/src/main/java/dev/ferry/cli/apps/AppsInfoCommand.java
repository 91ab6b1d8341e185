package dev.ferry.cli.apps;

import dev.ferry.cli.output.Times;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry apps:info [NAME]} (or {@code -a NAME}): an app's owner, collaborators, domains, release, formation and recent events. */
@Command(name = "apps:info", mixinStandardHelpOptions = true,
        description = "Show an app: owner, collaborators, domains, current release, formation and recent changes.")
public final class AppsInfoCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The app (instead of -a).")
    String positional;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    public AppsInfoCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        JsonNode info = api.get(appPath(app.nameOr(positional, env), "")).body();
        if (json) {
            printJson(out, info);
            return;
        }
        out.println("=== " + info.path("name").asText());
        field(out, "Owner", info.path("owner").asText());
        field(out, "Web URL", info.path("webUrl").asText());
        field(out, "Domains", join(info.path("domains"), null));
        field(out, "Collaborators", join(info.path("collaborators"), "email"));
        JsonNode release = info.path("release");
        field(out, "Release", release.isObject()
                ? "v" + release.path("version").asInt() + " " + release.path("description").asText() : "none");
        List<String> formation = new ArrayList<>();
        info.path("formation").properties().forEach(e -> formation.add(e.getKey() + "=" + e.getValue().asInt()));
        field(out, "Formation", formation.isEmpty() ? "none" : String.join(" ", formation));
        Times times = Times.of(env.terminal());
        field(out, "Created", times.format(info.path("createdAt").asText()));
        out.println();
        out.println("=== Recent changes");
        for (JsonNode event : info.path("events")) {
            out.println(times.format(event.path("time").asText()) + "  " + (event.path("actor").isNull() ? "ferry" : event.path("actor").asText())
                    + "  " + event.path("detail").asText());
        }
    }

    private static void field(PrintWriter out, String name, String value) {
        out.println(String.format("%-14s %s", name + ":", value));
    }

    private static String join(JsonNode items, String field) {
        List<String> all = new ArrayList<>();
        items.forEach(i -> all.add(field == null ? i.asText() : i.path(field).asText()));
        return all.isEmpty() ? "none" : String.join(", ", all);
    }
}
