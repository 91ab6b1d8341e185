package dev.ferry.cli.users;

import dev.ferry.api.client.Read;
import dev.ferry.core.api.TokenInfo;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry tokens:create [-d TEXT]}: creates an API token for you and prints it once. */
@Command(name = "tokens:create", mixinStandardHelpOptions = true,
        description = "Create an API token for yourself and print it; it is shown this once.")
public final class TokensCreateCommand extends ApiCommand {

    @Option(names = {"-d", "--description"}, paramLabel = "TEXT", defaultValue = "", description = "What the token is for, e.g. 'CI'.")
    String description;

    @Option(names = "--json", description = "Print the API's JSON answer, secret included.")
    boolean json;

    public TokensCreateCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        Read<TokenInfo> token = api.typed(() -> api.accounts().createToken(description));
        if (json) {
            printJson(out, token.json());
            return;
        }
        out.println("Created token " + token.value().id() + " (shown once):");
        out.println(token.value().secret());
    }
}
