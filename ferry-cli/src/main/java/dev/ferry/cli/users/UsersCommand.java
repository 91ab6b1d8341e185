package dev.ferry.cli.users;

import dev.ferry.cli.output.Times;

import dev.ferry.core.api.UserInfo;
import java.util.List;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry users [--json]}: every user (admin only). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "List the users of this Ferry (admin only).")
public final class UsersCommand extends ApiCommand {

    @Option(names = "--json", description = "Print the API's JSON array: [{\"id\",\"email\",\"admin\",\"createdAt\"}].")
    boolean json;

    public UsersCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        List<UserInfo> users = api.typed(() -> api.accounts().users());
        if (json) {
            out.println(ApiClient.write(users));
            return;
        }
        TextTable table = new TextTable("EMAIL", "ADMIN", "CREATED");
        users.forEach(u -> table.row(u.email(), u.admin() ? "yes" : "no", Times.of(env.terminal()).format(u.createdAt())));
        table.print(out, env.colour());
    }
}
