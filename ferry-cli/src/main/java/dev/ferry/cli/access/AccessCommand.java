package dev.ferry.cli.access;

import dev.ferry.cli.output.Times;

import dev.ferry.core.api.CollaboratorInfo;
import java.util.List;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry access [--json]}: who may use an app, the owner first. */
@Command(name = "access", mixinStandardHelpOptions = true, description = "List who has access to an app: its owner and collaborators.")
public final class AccessCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"email\",\"role\",\"since\"}].")
    boolean json;

    public AccessCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        List<CollaboratorInfo> people = api.typed(() -> api.collaborators().list(name));
        if (json) {
            out.println(ApiClient.write(people));
            return;
        }
        TextTable table = new TextTable("EMAIL", "ROLE", "SINCE");
        people.forEach(p -> table.row(p.email(), p.role(), Times.of(env.terminal()).format(p.since())));
        table.print(out, env.colour());
    }
}
