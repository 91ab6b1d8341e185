package dev.ferry.cli.builds;

import dev.ferry.cli.output.Style;
import dev.ferry.cli.output.Times;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.BuildInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
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
        Read<List<BuildInfo>> answer = api.typed(() -> api.builds().list(name, num));
        List<BuildInfo> builds = answer.value();
        if (json) {
            printJson(out, answer.json());
        } else if (builds.isEmpty()) {
            out.println(name + " has no builds yet: git push to its main branch to build it.");
        } else {
            out.println("=== " + name + " Builds");
            TextTable table = new TextTable("ID", "STATUS", "COMMIT", "BUILDPACK", "STARTED", "DURATION");
            Times times = Times.of(env.terminal());
            table.style(1, Style::ofState);
            for (BuildInfo b : builds) {
                table.row(b.id(), status(b), b.commit().substring(0, 7), text(b.buildpack()), times.format(text(b.startedAt())),
                        duration(b.durationSeconds()));
            }
            table.print(out, env.colour());
        }
    }

    /**
     * {@code succeeded (v10)}; {@code failed to deploy (v10)} when the build succeeded but its release did not go
     * live, {@code deploying (v10)} while it rolls out.
     */
    static String status(BuildInfo b) {
        String status = b.status();
        if (b.release() == null) {
            return status;
        }
        String label = " (v" + b.release() + ")";
        return switch (b.releaseStatus() == null ? "" : b.releaseStatus()) {
            case "failed" -> "failed to deploy" + label;
            case "pending" -> "deploying" + label;
            default -> status + label;
        };
    }

    private static String text(String value) {
        return value != null ? value : "-";
    }

    /** {@code 4s}, {@code 2m05s}. */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        return d.toMinutes() > 0 ? String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart()) : d.toSeconds() + "s";
    }
}
