package dev.ferry.cli.users;

import dev.ferry.cli.output.Times;

import dev.ferry.api.client.Read;
import dev.ferry.core.api.TokenInfo;
import java.util.List;
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
        Read<List<TokenInfo>> answer = api.typed(() -> api.accounts().tokens());
        if (json) {
            printJson(out, answer.json());
            return;
        }
        TextTable table = new TextTable("ID", "DESCRIPTION", "CREATED", "LAST USED");
        Times times = Times.of(env.terminal());
        answer.value().forEach(t -> table.row(t.id(), t.description(), times.format(t.createdAt()),
                t.lastUsedAt() == null ? "never" : times.format(t.lastUsedAt())));
        table.print(out, env.colour());
    }
}
