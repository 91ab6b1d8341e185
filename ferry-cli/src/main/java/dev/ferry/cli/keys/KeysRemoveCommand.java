package dev.ferry.cli.keys;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry keys:remove KEY}: removes one of your SSH keys, named by fingerprint or comment. */
@Command(name = "keys:remove", mixinStandardHelpOptions = true,
        description = "Remove one of your SSH keys, by fingerprint (SHA256:...) or comment (see `ferry keys`).")
public final class KeysRemoveCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key's fingerprint or comment.")
    String key;

    public KeysRemoveCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        api.typedVoid(() -> api.keys().remove(key));
        out.println("Removed SSH key " + key);
    }
}
