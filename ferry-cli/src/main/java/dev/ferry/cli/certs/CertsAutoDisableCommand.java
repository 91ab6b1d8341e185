package dev.ferry.cli.certs;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.Times;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AutoCertificatesInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry certs:auto:disable} (Heroku's verb): turns certificates over ACME off for the app: nothing more is
 * ordered or renewed for its hosts, and the ACME certificates it has serve until they expire. Users' own
 * certificates ({@code certs:add}) are not touched.
 */
@Command(name = "certs:auto:disable", mixinStandardHelpOptions = true,
        description = "Turn automatic certificates (ACME) off for an app; its ACME certificates serve until they expire.")
public final class CertsAutoDisableCommand extends ApiCommand {

    @Mixin
    AppOption app;

    public CertsAutoDisableCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        AutoCertificatesInfo auto = api.typed(() -> api.certificates().setAuto(name, false));
        CertsAutoCommand.print(out, name, auto, Times.of(env.terminal()), env.colour());
    }
}
