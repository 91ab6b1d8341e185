package dev.ferry.cli.certs;

import dev.ferry.cli.CliEnvironment;
import picocli.CommandLine.Command;

/**
 * {@code ferry certs:auto:enable} (Heroku's verb): turns certificates over ACME back on for the app (they are on by
 * default); its hosts are ordered at the issuer's next look, once their DNS points at Ferry.
 */
@Command(name = "certs:auto:enable", mixinStandardHelpOptions = true,
        description = "Turn automatic certificates (ACME) on for an app (the default).")
public final class CertsAutoEnableCommand extends CertsAutoSwitch {

    public CertsAutoEnableCommand(CliEnvironment env) {
        super(env, true);
    }
}
