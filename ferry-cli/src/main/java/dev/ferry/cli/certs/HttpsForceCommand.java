package dev.ferry.cli.certs;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.HttpsSettingsInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry https:force on|off}: redirects the app's plain HTTP requests to HTTPS (308), ACME challenges excepted. */
@Command(name = "https:force", mixinStandardHelpOptions = true,
        description = "Redirect the app's HTTP requests to HTTPS (on) or serve both (off).")
public final class HttpsForceCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "on|off", description = "on: answer HTTP with 308 to https://; off: serve HTTP.")
    String state;

    public HttpsForceCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        boolean on = switch (state) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CliFailure("https:force takes on or off, not '" + state + "'");
        };
        String name = app.name(env);
        api.typed(() -> api.certificates().changeHttps(name, new HttpsSettingsInfo(on, null, null)));
        out.println(on ? "HTTP requests to " + name + " are now redirected to HTTPS"
                : "HTTP requests to " + name + " are served again");
    }
}
