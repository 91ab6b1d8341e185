package dev.ferry.cli.releases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.Times;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry releases:info [vN] [--json]}: one release (the newest by default): description, status and why it
 * failed, who made it and when, its slug, process types and config vars.
 */
@Command(name = "releases:info", mixinStandardHelpOptions = true,
        description = "Show one release (the newest by default): status, author, slug, process types and config vars.")
public final class ReleasesInfoCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "vN", description = "The release, as in v3 (default: the newest).")
    String version;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    public ReleasesInfoCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        String wanted = version;
        if (wanted == null) {
            JsonNode newest = api.get(appPath(name, "/releases?limit=1")).body();
            if (newest.isEmpty()) {
                throw new CliFailure(name + " has no releases yet");
            }
            wanted = Integer.toString(newest.get(0).path("version").asInt());
        } else if (!wanted.matches("v?[0-9]{1,9}")) {
            throw new CliFailure("'" + wanted + "' is not a release version, as in v3");
        }
        JsonNode release = api.get(appPath(name, "/releases/" + segment(wanted))).body();
        if (json) {
            printJson(out, release);
            return;
        }
        Times times = Times.of(env.terminal());
        out.println("=== Release v" + release.path("version").asInt());
        field(out, "Change", release.path("description").asText());
        field(out, "Status", release.path("status").asText()
                + (release.hasNonNull("failure") ? " (" + release.path("failure").asText() + ")" : ""));
        field(out, "By", release.path("createdBy").asText());
        field(out, "When", times.format(release.path("createdAt").asText()));
        field(out, "Slug", release.path("slugId").asText("none"));
        out.println();
        out.println("=== Process types");
        print(out, release.path("processTypes"), "  ");
        out.println();
        out.println("=== Config vars");
        print(out, release.path("config"), ": ");
    }

    private static void field(PrintWriter out, String name, String value) {
        out.println(String.format("%-7s %s", name + ":", value));
    }

    private static void print(PrintWriter out, JsonNode object, String separator) {
        if (object.isEmpty()) {
            out.println("none");
        }
        int width = 0;
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            width = Math.max(width, e.getKey().length());
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            out.println(String.format("%-" + width + "s", e.getKey()) + separator + e.getValue().asText());
        }
    }
}
