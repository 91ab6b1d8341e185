package dev.ferry.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry config:unset KEY…}: removes vars in one request, which is one new release. */
@Command(name = "config:unset", mixinStandardHelpOptions = true,
        description = "Remove config vars; all of them together make one new release.")
public final class ConfigUnsetCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "The vars to remove.")
    List<String> keys;

    public ConfigUnsetCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        ObjectNode body = ApiClient.object();
        keys.forEach(body::putNull);
        api.sendAwaitingDeploy("PATCH", appPath(name, "/config"), body);
        Releases.report(api, name, "Unset " + String.join(", ", keys) + " on " + name, out);
    }
}
