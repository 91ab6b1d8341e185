package dev.ferry.cli.users;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry tokens:revoke ID}: revokes one of your tokens; calls with it get 401 from then on. */
@Command(name = "tokens:revoke", mixinStandardHelpOptions = true, description = "Revoke one of your API tokens (see `ferry tokens` for ids).")
public final class TokensRevokeCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The token's id.")
    String id;

    public TokensRevokeCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        api.typedVoid(() -> api.accounts().revokeToken(id));
        out.println("Revoked token " + id);
    }
}
