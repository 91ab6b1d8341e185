package dev.ferry.cli.releases;

import dev.ferry.cli.output.Style;
import dev.ferry.cli.output.Times;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.ReleaseInfo;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry releases [-n N] [--json]}: an app's releases, newest first; a failed one says why after its description. */
@Command(name = "releases", mixinStandardHelpOptions = true, description = "List an app's releases, newest first.")
public final class ReleasesCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "15", description = "How many to show (1-1000; default ${DEFAULT-VALUE}).")
    int num;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"version\",\"description\",\"status\",...}].")
    boolean json;

    public ReleasesCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        List<ReleaseInfo> releases = api.typed(() -> api.releases().list(name, num));
        if (json) {
            out.println(ApiClient.write(releases));
        } else if (releases.isEmpty()) {
            out.println(name + " has no releases yet.");
        } else {
            out.println("=== " + name + " Releases");
            TextTable table = new TextTable("VERSION", "DESCRIPTION", "STATUS", "BY", "CREATED");
            Times times = Times.of(env.terminal());
            table.style(2, Style::ofState);
            for (ReleaseInfo r : releases) {
                table.row(r.label(), r.description() + (r.failure() == null ? "" : " (" + r.failure() + ")"), r.status(),
                        r.createdBy(), times.format(r.createdAt()));
            }
            table.print(out, env.colour());
        }
    }
}
