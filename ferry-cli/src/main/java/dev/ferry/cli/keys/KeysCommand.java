package dev.ferry.cli.keys;

import dev.ferry.cli.output.Times;

import dev.ferry.core.api.SshKeyInfo;
import java.util.List;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry keys [--json]}: your SSH keys for git over SSH. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "List your SSH keys for git over SSH.")
public final class KeysCommand extends ApiCommand {

    @Option(names = "--json", description = "Print the API's JSON array: [{\"fingerprint\",\"type\",\"comment\",\"addedAt\"}].")
    boolean json;

    public KeysCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        List<SshKeyInfo> keys = api.typed(() -> api.keys().list());
        if (json) {
            out.println(ApiClient.write(keys));
            return;
        }
        if (keys.isEmpty()) {
            out.println("You have no SSH keys. Add one with: ferry keys:add");
            return;
        }
        TextTable table = new TextTable("FINGERPRINT", "TYPE", "COMMENT", "ADDED");
        keys.forEach(k -> table.row(k.fingerprint(), k.type(), k.comment(), Times.of(env.terminal()).format(k.addedAt())));
        table.print(out, env.colour());
    }
}
