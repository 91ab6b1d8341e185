package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Users, tokens, access, completion and help, against a real API over a real SQLite store. */
class AccountCommandsTest {

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun admin;

    @BeforeEach
    void start() {
        api = new RunningControlServer();
        admin = as(api.adminToken);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private CliRun as(String token) {
        return new CliRun(home).in(home).env("FERRY_API_URL", api.baseUrl()).env("FERRY_API_TOKEN", token);
    }

    private static CommandRunner.Result ok(CliRun cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    @Test
    void aNewUsersTokenSeesOnlyTheirAppsUntilGivenAccess() {
        ok(admin, "apps:create", "hello");
        CommandRunner.Result added = ok(admin, "users:add", "alice@example.com");
        assertThat(added.out()).startsWith("Added alice@example.com\nAPI token (shown once): ");
        String token = added.out().lines().toList().get(1).substring("API token (shown once): ".length());
        CliRun alice = as(token);

        assertThat(ok(alice, "apps").out()).startsWith("You have no apps.");
        CommandRunner.Result login = new CliRun(home).in(home).run("login", "--url", api.baseUrl(), "--token=" + token);
        assertThat(login.exit()).as(login.err()).isZero();
        CommandRunner.Result denied = alice.run("config", "-a", "hello");
        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.err()).isEqualTo("ferry: Couldn't find an app named hello.\n");
        assertThat(alice.run("users").err()).isEqualTo("ferry: only an admin may do this\n");

        assertThat(ok(admin, "access:add", "-a", "hello", "alice@example.com").out()).isEqualTo("Gave alice@example.com access to hello\n");
        assertThat(ok(admin, "access", "-a", "hello").out()).startsWith("EMAIL").contains("admin@localhost    owner")
                .contains("alice@example.com  collaborator");
        assertThat(ok(alice, "apps", "--json").out()).contains("\"name\":\"hello\"");
        assertThat(ok(alice, "config:set", "-a", "hello", "BY=alice").exit()).isZero();
        assertThat(ok(admin, "access:remove", "-a", "hello", "alice@example.com").out()).isEqualTo("Removed alice@example.com from hello\n");
        assertThat(alice.run("config", "-a", "hello").exit()).isEqualTo(1);

        assertThat(ok(admin, "users").out()).contains("admin@localhost    yes").contains("alice@example.com  no");
        assertThat(admin.run("users:add", "alice@example.com").err()).contains("already exists");
    }

    @Test
    void createsListsAndRevokesTokens() {
        CommandRunner.Result created = ok(admin, "tokens:create", "-d", "CI");
        List<String> lines = created.out().lines().toList();
        assertThat(lines.get(0)).matches("Created token [a-z0-9]+ \\(shown once\\):");
        String id = lines.get(0).split(" ")[2];
        String secret = lines.get(1);
        CliRun ci = as(secret);
        assertThat(ok(ci, "tokens").out()).contains(id + "  CI").doesNotContain(secret);
        assertThat(ok(admin, "tokens", "--json").out()).contains("\"id\":\"" + id + "\"").doesNotContain(secret);

        assertThat(ok(admin, "tokens:revoke", id).out()).isEqualTo("Revoked token " + id + "\n");
        CommandRunner.Result refused = ci.run("apps");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("(401)");
        assertThat(admin.run("tokens:revoke", id).err()).contains("Couldn't find a token");
    }

    @Test
    void printsABashCompletionScriptNamingEveryCommand() {
        CommandRunner.Result r = ok(admin, "completion");
        assertThat(r.out()).contains("complete -o default -F _ferry ferry").contains("apps:create").contains("config:set").contains("tokens:revoke");
    }

    @Test
    void everyCommandHasHelpText() {
        CommandLine root = FerryCli.commandLine(admin.environment());
        assertThat(root.getSubcommands()).containsKeys("apps", "apps:create", "apps:info", "apps:destroy", "config",
                "config:get", "config:set", "config:unset", "releases", "rollback", "domains", "domains:add",
                "domains:remove", "ps", "ps:scale", "ps:restart", "ps:stop", "run", "users", "users:add", "tokens", "tokens:create", "tokens:revoke", "access",
                "access:add", "access:remove", "completion");
        for (String name : root.getSubcommands().keySet()) {
            CommandRunner.Result help = ok(admin, name, "--help");
            assertThat(help.out()).as(name).startsWith("Usage: ferry " + name);
            assertThat(root.getSubcommands().get(name).getCommandSpec().usageMessage().description()).as(name).isNotEmpty();
        }
    }
}
