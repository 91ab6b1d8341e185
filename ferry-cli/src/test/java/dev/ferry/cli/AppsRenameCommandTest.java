package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import dev.ferry.testing.CommandRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry apps:rename} against a real API, in real git repositories. */
class AppsRenameCommandTest {

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;
    private Path repo;

    @BeforeEach
    void start() throws Exception {
        api = new RunningControlServer();
        cli = new CliRun(home).env("FERRY_API_URL", api.baseUrl()).env("FERRY_API_TOKEN", api.adminToken);
        repo = Files.createDirectories(home.resolve("repo"));
        git("init", "-q");
        api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void renamesTheAppOfTheRemoteAndPointsTheRemoteAtTheNewName() throws Exception {
        git("remote", "add", "ferry", api.baseUrl() + "/git/hello.git");

        CommandRunner.Result r = cli.in(repo).run("apps:rename", "greeting");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Renamed hello to greeting\n"
                + "http://greeting.localhost/ | " + api.baseUrl() + "/git/greeting.git\n"
                + "Updated git remote ferry -> " + api.baseUrl() + "/git/greeting.git\n");
        assertThat(git("remote", "get-url", "ferry")).isEqualTo(api.baseUrl() + "/git/greeting.git");
        assertThat(api.store.app(AppName.of("greeting"))).isPresent();
        assertThat(api.store.app(AppName.of("hello"))).isEmpty();
    }

    @Test
    void keepsTheFormOfAnSshRemoteAndLeavesARemoteOfAnotherAppAlone() throws Exception {
        git("remote", "add", "ferry", "ssh://git@localhost:2222/hello.git");
        assertThat(cli.in(repo).run("apps:rename", "greeting", "-a", "hello").exit()).isZero();
        assertThat(git("remote", "get-url", "ferry")).isEqualTo("ssh://git@localhost:2222/greeting.git");

        api.call("POST", "/api/apps", "{\"name\":\"other\"}");
        CommandRunner.Result r = cli.in(repo).run("apps:rename", "another", "-a", "other");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("Updated git remote");
        assertThat(git("remote", "get-url", "ferry")).isEqualTo("ssh://git@localhost:2222/greeting.git");
    }

    @Test
    void refusesATakenNameWithTheApisSentenceAndChangesNothing() throws Exception {
        git("remote", "add", "ferry", api.baseUrl() + "/git/hello.git");
        api.call("POST", "/api/apps", "{\"name\":\"other\"}");

        CommandRunner.Result r = cli.in(repo).run("apps:rename", "other");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("ferry: ").contains("already taken");
        assertThat(git("remote", "get-url", "ferry")).isEqualTo(api.baseUrl() + "/git/hello.git");
        assertThat(api.store.app(AppName.of("hello"))).isPresent();
    }

    private String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as(out).isZero();
        return out.strip();
    }
}
