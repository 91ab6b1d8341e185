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
 * {@code ferry certs:auto:enable} (Heroku's verb): turns certificates over ACME back on for the app (they are on by
 * default); its hosts are ordered at the issuer's next look, once their DNS points at Ferry.
 */
@Command(name = "certs:auto:enable", mixinStandardHelpOptions = true,
        description = "Turn automatic certificates (ACME) on for an app (the default).")
public final class CertsAutoEnableCommand extends ApiCommand {

    @Mixin
    AppOption app;

    public CertsAutoEnableCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        AutoCertificatesInfo auto = api.typed(() -> api.certificates().setAuto(name, true));
        CertsAutoCommand.print(out, name, auto, Times.of(env.terminal()), env.colour());
    }
}
