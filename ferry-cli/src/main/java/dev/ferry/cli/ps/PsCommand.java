package dev.ferry.cli.ps;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.ProcessInfo;
import java.io.PrintWriter;
import java.util.List;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry ps [--json]}: an app's instances, grouped by process type, as Heroku shows dynos. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List an app's processes (instances), grouped by process type, with their state and since when.",
                "States: starting, up, crashed, stopping, stopped."})
public final class PsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"name\":\"web.1\",\"type\",\"state\",\"release\",\"port\",\"pid\",...}].")
    boolean json;

    public PsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        Read<List<ProcessInfo>> processes = api.typed(() -> api.processes().list(name));
        if (json) {
            printJson(out, processes.json());
        } else if (processes.value().isEmpty()) {
            out.println("No processes are running on " + name + ".");
        } else {
            new ProcessListing(Clock.systemDefaultZone()).print(processes.value(), out);
        }
    }
}
