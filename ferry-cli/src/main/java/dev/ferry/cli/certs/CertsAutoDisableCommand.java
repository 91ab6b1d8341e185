package dev.ferry.cli.certs;

import dev.ferry.cli.CliEnvironment;
import picocli.CommandLine.Command;

/**
 * {@code ferry certs:auto:disable} (Heroku's verb): turns certificates over ACME off for the app: nothing more is
 * ordered or renewed for its hosts, and the ACME certificates it has serve until they expire. Users' own
 * certificates ({@code certs:add}) are not touched.
 */
@Command(name = "certs:auto:disable", mixinStandardHelpOptions = true,
        description = "Turn automatic certificates (ACME) off for an app; its ACME certificates serve until they expire.")
public final class CertsAutoDisableCommand extends CertsAutoSwitch {

    public CertsAutoDisableCommand(CliEnvironment env) {
        super(env, false);
    }
}
