package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.core.store.AppName;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ps, ps:restart, ps:stop, run, and how config:set and rollback report a failed deploy. */
class ProcessCommandsTest {

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer();
        cli = CliRun.asAdminOf(api, home);
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void deploy(String slug) {
        new Reconciler(api.store, api.store, api.runtime).release(HELLO, () -> api.store.createDeployRelease(HELLO, slug, "abcdef0123",
                Map.of("web", "npm start", "worker", "node worker.js"), api.admin.id()), line -> { });
    }

    @Test
    void listsProcessesByTypeAndAsJson() {
        assertThat(cli.ok("ps", "-a", "hello").out()).isEqualTo("No processes are running on hello.\n");
        deploy("slug-1");
        assertThat(cli.ok("ps:scale", "-a", "hello", "web=2", "worker=1").out()).isEqualTo("Scaled hello to web=2 worker=1\n");
        api.runtime.failNextDeploy(null);
        assertThat(api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\"}").statusCode()).isEqualTo(200);

        String ps = cli.ok("ps", "-a", "hello").out();

        assertThat(ps).matches("""
                === web \\(2\\): npm start
                web\\.1: up 2026-11-2[45] \\d\\d:\\d\\d:\\d\\d \\(~ \\d+[smhd] ago\\)
                web\\.2: up .*
                
                === worker \\(1\\): node worker\\.js
                worker\\.1: up .*
                """);
        assertThat(cli.ok("ps", "-a", "hello", "--json").out()).isEqualTo(api.call("GET", "/api/apps/hello/ps", null).body() + "\n");
    }

    @Test
    void restartsAndStopsProcesses() {
        deploy("slug-1");

        assertThat(cli.ok("ps:restart", "-a", "hello").out()).isEqualTo("Restarted 1 process of hello\n");
        assertThat(cli.ok("ps:restart", "-a", "hello", "web.1").out()).isEqualTo("Restarted web.1, 1 process of hello\n");
        assertThat(cli.ok("ps:stop", "-a", "hello", "web").out()).isEqualTo("Stopped web, 1 process of hello\n");
        CommandRunner.Result missing = cli.run("ps:stop", "-a", "hello", "web.7");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("ferry: The app hello runs no process web.7 (see ferry ps).\n");
        assertThat(cli.run("ps:stop", "-a", "hello").exit()).isEqualTo(FerryCli.EXIT_USAGE);
        assertThat(api.runtime.calls).contains("restart hello *", "restart hello web.1", "stop hello web");
    }

    @Test
    void runsAOneOffAndExitsWithItsCode() {
        deploy("slug-1");

        CommandRunner.Result echo = cli.run("run", "-a", "hello", "-e", "WHO=world", "--", "echo \"hello $WHO\"");
        assertThat(echo.exit()).as(echo.err()).isZero();
        assertThat(echo.out()).isEqualTo("hello world\n");

        CommandRunner.Result failing = cli.run("run", "-a", "hello", "echo partial; exit 3");
        assertThat(failing.exit()).isEqualTo(3);
        assertThat(failing.out()).isEqualTo("partial\n");
        assertThat(failing.err()).isEmpty();

        CommandRunner.Result exact = cli.run("run", "-a", "hello", "echo", "partial;", "$HOME", "exit", "3");
        assertThat(exact.exit()).isZero();
        assertThat(exact.out()).isEqualTo("partial; $HOME exit 3\n");

        CommandRunner.Result withOptions = cli.run("run", "-a", "hello", "ls", "-d", "/");
        assertThat(withOptions.exit()).as(withOptions.err()).isZero();
        assertThat(withOptions.out()).isEqualTo("/\n");
    }

    @Test
    void refusesToRunWhatCannotRun() {
        CommandRunner.Result r = cli.run("run", "-a", "hello", "echo", "hi");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ferry: The app hello has no release to run yet: deploy it with git push first.\n");
        assertThat(cli.run("run", "-a", "hello").exit()).isEqualTo(FerryCli.EXIT_USAGE);
        CommandRunner.Result unknown = cli.run("run", "-a", "nope", "echo", "hi");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("ferry: Couldn't find an app named nope.\n");
    }

    @Test
    void reportsAFailedDeployOfAConfigChangeAndOfARollback() {
        deploy("slug-1");
        deploy("slug-2");
        api.runtime.failNextDeploy("web.1 did not become healthy within 60 s");

        CommandRunner.Result set = cli.run("config:set", "-a", "hello", "BROKEN=1");

        assertThat(set.exit()).isEqualTo(1);
        assertThat(set.out()).isEqualTo("Set BROKEN on hello: v3\n");
        assertThat(set.err()).isEqualTo("ferry: v3 failed to deploy: web.1 did not become healthy within 60 s;"
                + " the previous release keeps running\n");
        assertThat(cli.ok("releases", "-a", "hello").out()).contains("v3       Set BROKEN config vars (web.1 did not become healthy within 60 s)  failed");

        api.runtime.failNextDeploy("release command exited 1");
        CommandRunner.Result back = cli.run("rollback", "-a", "hello", "v1");
        assertThat(back.exit()).isEqualTo(1);
        assertThat(back.out()).isEqualTo("Rollback to v1 on hello: v4\n");
        assertThat(back.err()).contains("v4 failed to deploy: release command exited 1");
        assertThat(cli.ok("rollback", "-a", "hello", "v1").out()).isEqualTo("Rollback to v1 on hello: v5\n");
    }
}
