package dev.ferry.cli.keys;

import dev.ferry.cli.output.Times;

import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode keys = api.get("/api/keys").body();
        if (json) {
            printJson(out, keys);
            return;
        }
        if (keys.isEmpty()) {
            out.println("You have no SSH keys. Add one with: ferry keys:add");
            return;
        }
        TextTable table = new TextTable("FINGERPRINT", "TYPE", "COMMENT", "ADDED");
        keys.forEach(k -> table.row(k.path("fingerprint").asText(), k.path("type").asText(), k.path("comment").asText(),
                Times.of(env.terminal()).format(k.path("addedAt").asText())));
        table.print(out, env.colour());
    }
}
