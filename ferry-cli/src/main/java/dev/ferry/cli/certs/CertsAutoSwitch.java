package dev.ferry.cli.certs;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.Times;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AutoCertificatesInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;

/**
 * What {@code certs:auto:enable} and {@code certs:auto:disable} share: the app option, one call that turns
 * certificates over ACME on or off, and the app's state afterwards as {@code certs:auto} prints it.
 */
abstract class CertsAutoSwitch extends ApiCommand {

    @Mixin
    AppOption app;

    private final boolean enabled;

    CertsAutoSwitch(CliEnvironment env, boolean enabled) {
        super(env);
        this.enabled = enabled;
    }

    @Override
    protected final void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        AutoCertificatesInfo auto = api.typed(() -> api.certificates().setAuto(name, enabled));
        CertsAutoCommand.print(out, name, auto, Times.of(env.terminal()), env.colour());
    }
}
