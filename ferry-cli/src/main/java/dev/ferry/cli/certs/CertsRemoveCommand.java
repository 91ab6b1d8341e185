package dev.ferry.cli.certs;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry certs:remove NAME}: stops serving a certificate; its hosts get the default certificate. */
@Command(name = "certs:remove", mixinStandardHelpOptions = true, description = "Remove a TLS certificate by its name.")
public final class CertsRemoveCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "NAME", description = "The certificate's name, as ferry certs lists it.")
    String name;

    public CertsRemoveCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String appName = app.name(env);
        api.typedVoid(() -> api.certificates().remove(appName, name));
        out.println("Removed certificate " + name + " from " + appName);
    }
}
