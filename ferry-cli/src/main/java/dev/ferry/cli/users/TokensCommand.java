package dev.ferry.cli.users;

import dev.ferry.cli.output.Times;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry tokens [--json]}: your API tokens, without their secrets. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "List your API tokens (their secrets are never shown again).")
public final class TokensCommand extends ApiCommand {

    @Option(names = "--json", description = "Print the API's JSON array: [{\"id\",\"description\",\"createdAt\",\"lastUsedAt\"}].")
    boolean json;

    public TokensCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        JsonNode tokens = api.get("/api/tokens").body();
        if (json) {
            printJson(out, tokens);
            return;
        }
        TextTable table = new TextTable("ID", "DESCRIPTION", "CREATED", "LAST USED");
        Times times = Times.of(env.terminal());
        tokens.forEach(t -> table.row(t.path("id").asText(), t.path("description").asText(), times.format(t.path("createdAt").asText()),
                t.path("lastUsedAt").isNull() ? "never" : times.format(t.path("lastUsedAt").asText())));
        table.print(out, env.colour());
    }
}
