package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.addons.AddonServerUrl;
import dev.ferry.addons.RedisAddonProvisioner;
import dev.ferry.control.RunningControlServer;
import dev.ferry.control.addons.AddonLifecycle;
import dev.ferry.control.addons.AddonsApi;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.store.AppName;
import dev.ferry.store.route.RedisServerProcess;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The add-ons commands against a real API that provisions on a real redis-server. */
class AddonsCommandsTest {

    @TempDir
    static Path redisDir;
    private static RedisServerProcess redis;
    private static dev.ferry.store.postgres.PostgresServerProcess postgres;

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start(redisDir, false);
        postgres = dev.ferry.store.postgres.PostgresServerProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
        postgres.close();
    }

    private void start(boolean withRedis) {
        api = new RunningControlServer(store -> List.of(new AddonsApi(store, store, store.addons(),
                new AddonLifecycle(store.addons(), store, Deployments.withoutRuntime(store), withRedis
                        ? List.of(new RedisAddonProvisioner(AddonServerUrl.parse(redis.uri(), null)),
                        new dev.ferry.addons.PostgresAddonProvisioner(AddonServerUrl.parse(postgres.url(""),
                                dev.ferry.store.postgres.PostgresServerProcess.PASSWORD))) : List.of()))));
        cli = CliRun.asAdminOf(api, home);
        assertThat(cli.run("apps:create", "hello").exit()).isZero();
        assertThat(cli.run("apps:create", "other").exit()).isZero();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createsListsSharesAndDestroysARedisWithoutPrintingItsPassword() {
        start(true);

        CommandRunner.Result created = cli.run("addons:create", "redis", "--name", "cache", "-a", "hello");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("Created cache (redis) for hello; REDIS_URL is set in a new release")
                .contains("Keys and channels must start with addon_cache:");
        String password = api.store.config(AppName.of("hello")).asMap().get("REDIS_URL").split("[:@]")[2];

        CommandRunner.Result attached = cli.run("addons:attach", "cache", "-a", "other", "--as", "sessions");
        assertThat(attached.out()).isEqualTo("Attached cache to other as SESSIONS_URL in a new release\n");
        assertThat(api.store.config(AppName.of("other")).asMap()).containsKey("SESSIONS_URL");
        CommandRunner.Result listed = cli.run("addons");
        CommandRunner.Result info = cli.run("addons:info", "cache");
        assertThat(listed.out()).contains("NAME").contains("cache").contains("hello as REDIS_URL, other as SESSIONS_URL");
        assertThat(info.out()).contains("\nKey prefix: addon_cache:").contains("\nServer:     127.0.0.1:").doesNotContain("\\n");
        assertThat(created.out() + attached.out() + listed.out() + info.out() + cli.run("addons", "--json").out())
                .doesNotContain(password);

        CommandRunner.Result detached = cli.run("addons:detach", "cache", "-a", "other");
        assertThat(detached.out()).isEqualTo("Detached cache from other; SESSIONS_URL is removed in a new release\n");
        // An app the add-on is attached to but that does not own it is no confirmation; the owner is, as on Heroku.
        CommandRunner.Result unconfirmed = cli.run("addons:destroy", "cache", "--confirm", "other");
        assertThat(unconfirmed.exit()).isEqualTo(1);
        assertThat(unconfirmed.err()).contains("--confirm other matches neither the app that owns cache (hello) nor the"
                + " add-on's name; nothing was destroyed");
        assertThat(cli.run("addons", "-a", "hello").out()).contains("cache");
        CommandRunner.Result destroyed = cli.run("addons:destroy", "cache", "--confirm", "hello");
        assertThat(destroyed.exit()).as(destroyed.err()).isZero();
        assertThat(api.store.config(AppName.of("hello")).asMap()).doesNotContainKey("REDIS_URL");
        assertThat(cli.run("addons", "-a", "hello").out()).startsWith("hello has no add-ons");
    }

    @Test
    void opensPsqlAndRedisCliWithTheAppsCredentialsAndShowsPgInfo() {
        start(true);
        assertThat(cli.run("addons:create", "postgres", "--name", "hello-db", "-a", "hello").exit()).isZero();
        assertThat(cli.run("addons:create", "redis", "--name", "hello-cache", "-a", "hello").exit()).isZero();

        CommandRunner.Result write = cli.run("pg:psql", "-a", "hello", "-c",
                "create table notes (body text); insert into notes values ('kept')");
        CommandRunner.Result read = cli.run("pg:psql", "hello-db", "-a", "hello", "-c", "select count(*) from notes");
        CommandRunner.Result info = cli.run("pg:info", "-a", "hello");
        CommandRunner.Result set = cli.run("redis:cli", "-a", "hello", "SET", "addon_hello_cache:k", "v");
        CommandRunner.Result foreign = cli.run("redis:cli", "-a", "hello", "GET", "elsewhere");
        CommandRunner.Result none = cli.run("pg:psql", "-a", "other", "-c", "select 1");

        assertThat(write.exit()).as(write.err()).isZero();
        assertThat(read.out()).contains(" 1\n").contains("(1 row)");
        assertThat(info.out()).contains("=== hello-db").contains("Tables:     1").contains("Connections:");
        assertThat(set.out()).contains("OK");
        assertThat(foreign.out() + foreign.err()).contains("NOPERM");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("other has no postgres add-on");
    }

    @Test
    void saysInOneLineHowToConfigureAServerWhenNoneIsGiven() {
        start(false);

        CommandRunner.Result refused = cli.run("addons:create", "redis", "-a", "hello");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("No Redis server is configured for add-ons").contains("--addons-redis")
                .hasLineCount(1);
        assertThat(api.store.config(AppName.of("hello")).asMap()).isEmpty();
    }
}
