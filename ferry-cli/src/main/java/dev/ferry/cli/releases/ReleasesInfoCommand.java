package dev.ferry.cli.releases;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.Times;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.ReleaseInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry releases:info [vN] [--json]}: one release (the newest by default): description, status and why it
 * failed, who made it and when, its slug, process types and the names of its config vars.
 */
@Command(name = "releases:info", mixinStandardHelpOptions = true,
        description = {"Show one release (the newest by default): status, author, slug,", "process types and config var names."})
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
        int wanted;
        if (version == null) {
            List<ReleaseInfo> newest = api.typed(() -> api.releases().list(name, 1));
            if (newest.isEmpty()) {
                throw new CliFailure(name + " has no releases yet");
            }
            wanted = newest.getFirst().version();
        } else if (version.matches("[vV]?[0-9]{1,9}")) {
            wanted = Integer.parseInt(version.replaceFirst("^[vV]", ""));
        } else {
            throw new CliFailure("'" + version + "' is not a release version, as in v3");
        }
        ReleaseInfo release = api.typed(() -> api.releases().info(name, wanted));
        if (json) {
            out.println(ApiClient.write(release));
            return;
        }
        Times times = Times.of(env.terminal());
        out.println("=== Release " + release.label());
        field(out, "Change", release.description());
        field(out, "Status", release.status() + (release.failure() != null ? " (" + release.failure() + ")" : ""));
        field(out, "By", release.createdBy());
        field(out, "When", times.format(release.createdAt()));
        field(out, "Slug", release.slugId() != null ? release.slugId() : "none");
        out.println();
        out.println("=== Process types");
        Map<String, String> types = release.processTypes() == null ? Map.of() : release.processTypes();
        if (types.isEmpty()) {
            out.println("none");
        }
        int width = types.keySet().stream().mapToInt(String::length).max().orElse(0);
        types.forEach((type, command) -> out.println(String.format("%-" + width + "s", type) + "  " + command));
        out.println();
        out.println("=== Config vars");
        List<String> vars = release.configVars() == null ? List.of() : release.configVars();
        out.println(vars.isEmpty() ? "none" : String.join(", ", vars));
    }

    private static void field(PrintWriter out, String name, String value) {
        out.println(String.format("%-7s %s", name + ":", value));
    }
}
