package dev.ferry.cli.apps;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.cli.support.GitRemote;
import dev.ferry.core.api.AppSummary;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry apps:rename NEWNAME [-a APP]}, as Heroku's {@code apps:rename}: renames the app
 * ({@code PATCH /api/apps/{app}}), prints its new web URL and git URL, and, when the current directory's
 * {@code ferry} git remote points at the app, points it at the new name.
 */
@Command(name = "apps:rename", mixinStandardHelpOptions = true,
        description = {"Rename an app. It keeps its releases, config, domains and collaborators; its default host",
                "becomes NEWNAME.<domain> (the old one stops answering) and its git URL changes.",
                "The 'ferry' git remote of the current directory is updated when it points at the app."})
public final class AppsRenameCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "NEWNAME", description = "The app's new name.")
    String newName;

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    public AppsRenameCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String from = app.name(env);
        Read<AppSummary> renamed = api.typed(() -> api.apps().rename(from, newName, ApiClient.DEPLOY_TIMEOUT));
        String to = renamed.value().name();
        Optional<String> remote = GitRemote.retarget(env.workingDir(), from, to);
        if (json) {
            printJson(out, renamed.json());
            return;
        }
        out.println("Renamed " + from + " to " + to);
        out.println(renamed.value().webUrl() + " | " + api.baseUrl() + "/git/" + to + ".git");
        remote.ifPresent(url -> out.println("Updated git remote " + GitRemote.REMOTE + " -> " + url));
    }
}
