package dev.ferry.cli.builds;

import dev.ferry.cli.output.Style;
import dev.ferry.cli.output.Times;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry builds [-n N] [--json]}: an app's builds, newest first. */
@Command(name = "builds", mixinStandardHelpOptions = true, description = "List an app's builds, newest first.")
public final class BuildsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "15", description = "How many to show (1-1000; default ${DEFAULT-VALUE}).")
    int num;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"id\",\"status\",\"commit\",\"buildpack\",\"release\",...}].")
    boolean json;

    public BuildsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        JsonNode builds = api.get(appPath(name, "/builds?limit=" + num)).body();
        if (json) {
            printJson(out, builds);
        } else if (builds.isEmpty()) {
            out.println(name + " has no builds yet: git push to its main branch to build it.");
        } else {
            out.println("=== " + name + " Builds");
            TextTable table = new TextTable("ID", "STATUS", "COMMIT", "BUILDPACK", "STARTED", "DURATION");
            Times times = Times.of(env.terminal());
            table.style(1, Style::ofState);
            for (JsonNode b : builds) {
                table.row(b.path("id").asText(), status(b), b.path("commit").asText().substring(0, 7),
                        text(b.path("buildpack")), times.format(text(b.path("startedAt"))), duration(b.path("durationSeconds")));
            }
            table.print(out, env.colour());
        }
    }

    /**
     * {@code succeeded (v10)}; {@code failed to deploy (v10)} when the build succeeded but its release did not go
     * live, {@code deploying (v10)} while it rolls out.
     */
    static String status(JsonNode b) {
        String status = b.path("status").asText();
        if (!b.path("release").isInt()) {
            return status;
        }
        String label = " (v" + b.path("release").asInt() + ")";
        return switch (b.path("releaseStatus").asText("")) {
            case "failed" -> "failed to deploy" + label;
            case "pending" -> "deploying" + label;
            default -> status + label;
        };
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : "-";
    }

    /** {@code 4s}, {@code 2m05s}. */
    static String duration(JsonNode seconds) {
        if (!seconds.isNumber()) {
            return "-";
        }
        Duration d = Duration.ofMillis(Math.round(seconds.asDouble() * 1000));
        return d.toMinutes() > 0 ? String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart()) : d.toSeconds() + "s";
    }
}
