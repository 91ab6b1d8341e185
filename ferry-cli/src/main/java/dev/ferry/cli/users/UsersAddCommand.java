package dev.ferry.cli.users;

import dev.ferry.core.api.UserInfo;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry users:add EMAIL [--admin]}: creates a user and prints their first API token, once. */
@Command(name = "users:add", mixinStandardHelpOptions = true,
        description = {"Add a user (admin only) and print their first API token.",
                "The token is shown this once: hand it to the user for `ferry login`."})
public final class UsersAddCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "EMAIL", description = "The user's e-mail address.")
    String email;

    @Option(names = "--admin", description = "Make the user an admin.")
    boolean admin;

    @Option(names = "--json", description = "Print the API's JSON answer, token included.")
    boolean json;

    public UsersAddCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        UserInfo user = api.typed(() -> api.accounts().addUser(email, admin));
        if (json) {
            out.println(ApiClient.write(user));
            return;
        }
        out.println("Added " + user.email() + (user.admin() ? " (admin)" : ""));
        out.println("API token (shown once): " + user.token());
    }
}
