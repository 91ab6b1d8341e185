package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app, config, release, domain and formation commands against a real API over a real SQLite store. */
class AppCommandsTest {

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer();
        cli = CliRun.asAdminOf(api, home);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void fails(String expectedError, String... args) {
        assertThat(cli.fails(expectedError, args).err()).endsWith("\n");
    }

    @Test
    void refusesAnInvalidAppNameWithTheReasonAloneAndCreatesNothing() throws Exception {
        fails("ferry: app name 'hi' must be 3 to 30 characters long", "apps:create", "hi");
        assertThat(api.call("GET", "/api/apps", null).body()).isEqualTo("[]");
    }

    @Test
    void createsListsShowsAndDestroysApps() {
        assertThat(cli.ok("apps:create", "hello").out()).isEqualTo("Created hello | http://hello.localhost/\n");
        assertThat(cli.ok("apps:create").out()).matches("Created [a-z]+-[a-z]+-[0-9]{4} \\| http://.*\n");
        CommandRunner.Result apps = cli.ok("apps");
        assertThat(apps.out().lines().findFirst()).hasValueSatisfying(h -> assertThat(h).startsWith("NAME"));
        assertThat(apps.out()).contains("hello  ").contains("admin@localhost");
        assertThat(cli.ok("apps", "--json").out()).isEqualTo(api.call("GET", "/api/apps", null).body() + "\n");

        String info = cli.ok("apps:info", "-a", "hello").out();
        assertThat(info).startsWith("=== hello\n").contains("Owner:         admin@localhost")
                .contains("Domains:       hello.localhost").contains("admin@localhost  Create app hello");

        fails("does not match", "apps:destroy", "hello", "--confirm", "helo");
        assertThat(api.store.app(AppName.of("hello"))).isPresent();
        assertThat(cli.run("apps:destroy", "hello").exit()).isEqualTo(FerryCli.EXIT_USAGE);
        assertThat(cli.ok("apps:destroy", "hello", "--confirm", "hello").out()).isEqualTo("Destroyed hello\n");
        assertThat(api.store.app(AppName.of("hello"))).isEmpty();
        fails("Couldn't find an app named hello.", "apps:info", "-a", "hello");
    }

    @Test
    void refusesBadAppNamesWithTheApisSentence() {
        cli.ok("apps:create", "hello");
        fails("already taken", "apps:create", "hello");
        fails("must start with a letter", "apps:create", "Hello_World");
        assertThat(api.store.allApps()).hasSize(1);
    }

    @Test
    void setsAndReadsAwkwardConfigValuesExactly() {
        cli.ok("apps:create", "hello");
        CommandRunner.Result set = cli.ok("config:set", "-a", "hello", "SPACES=a b  c", "QUOTES=it's \"q\"", "NL=one\ntwo", "EQ=x=y=");
        assertThat(set.out()).isEqualTo("Set SPACES, QUOTES, NL, EQ on hello: v1\n");
        assertThat(cli.ok("config:get", "-a", "hello", "NL").out()).isEqualTo("one\ntwo\n");
        assertThat(cli.ok("config:get", "-a", "hello", "EQ").out()).isEqualTo("x=y=\n");
        assertThat(cli.ok("config:get", "-a", "hello", "QUOTES").out()).isEqualTo("it's \"q\"\n");
        assertThat(cli.ok("config:get", "-a", "hello", "SPACES").out()).isEqualTo("a b  c\n");
        assertThat(cli.ok("config", "-a", "hello").out()).startsWith("=== hello Config Vars\nEQ:     x=y=\n");
        assertThat(cli.ok("config", "-a", "hello", "--json").out())
                .isEqualTo(api.call("GET", "/api/apps/hello/config", null).body() + "\n");

        assertThat(cli.ok("config:unset", "-a", "hello", "SPACES", "EQ").out()).isEqualTo("Unset SPACES, EQ on hello: v2\n");
        fails("is not set", "config:get", "-a", "hello", "EQ");
        fails("'NOEQUALS' is not KEY=VALUE", "config:set", "-a", "hello", "NOEQUALS");
        fails("must start with a letter", "config:set", "-a", "hello", "1X=y");
        assertThat(api.store.config(AppName.of("hello")).asMap()).containsOnlyKeys("NL", "QUOTES");
    }

    @Test
    void listsReleasesAndRollsBack() {
        cli.ok("apps:create", "hello");
        cli.ok("config:set", "-a", "hello", "A=1");
        cli.ok("config:set", "-a", "hello", "A=2");
        CommandRunner.Result releases = cli.ok("releases", "-a", "hello");
        assertThat(releases.out()).startsWith("=== hello Releases\nVERSION  DESCRIPTION        STATUS     BY")
                .contains("v2       Set A config vars  succeeded  admin@localhost");
        assertThat(cli.ok("releases", "-a", "hello", "--json").out())
                .isEqualTo(api.call("GET", "/api/apps/hello/releases?limit=15", null).body() + "\n");
        assertThat(cli.ok("rollback", "-a", "hello", "v1").out()).isEqualTo("Rollback to v1 on hello: v3\n");
        assertThat(cli.ok("config:get", "-a", "hello", "A").out()).isEqualTo("1\n");
        assertThat(cli.ok("rollback", "-a", "hello").out()).isEqualTo("Rollback to v2 on hello: v4\n");
        fails("not a release version", "rollback", "-a", "hello", "vx");
        fails("has no release v9", "rollback", "-a", "hello", "v9");
    }

    @Test
    void addsListsAndRemovesDomainsAndScales() {
        cli.ok("apps:create", "hello");
        cli.ok("apps:create", "other");
        assertThat(cli.ok("domains:add", "-a", "hello", "WWW.example.com").out()).isEqualTo("Added www.example.com to hello\n");
        fails("already added to an app", "domains:add", "-a", "other", "www.example.com");
        fails("IP address", "domains:add", "-a", "other", "127.0.0.1");
        assertThat(cli.ok("domains:add", "-a", "other", "www.example.com", "--force").out())
                .isEqualTo("Added www.example.com to other\n");
        assertThat(cli.ok("domains:add", "-a", "hello", "www.example.com", "--force").out())
                .isEqualTo("Added www.example.com to hello\n");
        assertThat(cli.ok("domains", "-a", "hello").out()).isEqualTo(
                "=== hello Default Domain\nhello.localhost\n\n=== hello Custom Domains\nwww.example.com\n");
        assertThat(cli.ok("domains:remove", "-a", "hello", "www.example.com").out()).isEqualTo("Removed www.example.com from hello\n");
        assertThat(cli.ok("domains", "-a", "hello", "--json").out()).isEqualTo("[]\n");

        assertThat(cli.ok("ps:scale", "-a", "hello", "web=2", "worker=1").out()).isEqualTo("Scaled hello to web=2 worker=1\n");
        fails("not a number", "ps:scale", "-a", "hello", "web=two");
        fails("from 0 to 100", "ps:scale", "-a", "hello", "web=1000");
    }

    @Test
    void infersTheAppFromTheFerryGitRemote() throws Exception {
        cli.ok("apps:create", "hello");
        Path repo = Files.createDirectories(home.resolve("repo"));
        git(repo, "init", "-q");
        git(repo, "remote", "add", "ferry", "http://localhost:7070/git/hello.git");
        cli.in(repo);
        assertThat(cli.ok("config:set", "A=1").out()).isEqualTo("Set A on hello: v1\n");
        assertThat(cli.ok("config:get", "A").out()).isEqualTo("1\n");
        assertThat(cli.ok("apps:info").out()).startsWith("=== hello\n");

        cli.in(home);
        fails("no app given: pass -a APP", "config");
    }

    private static void git(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
}
