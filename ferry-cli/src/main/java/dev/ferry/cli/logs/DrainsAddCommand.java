package dev.ferry.cli.logs;

import dev.ferry.core.api.DrainInfo;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry drains:add URL}: sends the app's log stream to a syslog or HTTPS receiver. */
@Command(name = "drains:add", mixinStandardHelpOptions = true,
        description = "Add a log drain: syslog://HOST:PORT, syslog+tls://HOST:PORT, https://... or http://...")
public final class DrainsAddCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "URL", description = "Where to send the app's logs.")
    String url;

    @Option(names = "--json", description = "Print the API's JSON object: {\"id\",\"url\",\"token\",\"createdAt\"}.")
    boolean json;

    public DrainsAddCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        DrainInfo drain = api.typed(() -> api.drains().add(name, url));
        if (json) {
            out.println(ApiClient.write(drain));
            return;
        }
        out.println("Successfully added drain " + drain.url() + " to " + name + " (token " + drain.token() + ")");
    }
}
