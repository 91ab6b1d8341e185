package dev.ferry.control.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.addons.AddonServerUrl;
import dev.ferry.addons.RedisAddonProvisioner;
import dev.ferry.control.RunningControlServer;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.addons.AddonServerUnavailable;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Page;
import dev.ferry.store.postgres.PostgresServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What destroying an app does to add-ons on real servers: those it owns go, those it borrows stay with their owner. */
class AddonAppCleanupTest {

    @RegisterExtension
    static final AddonServers servers = new AddonServers();

    private RunningControlServer api;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void dropsTheAddonsTheAppOwnsAndTakesTheirUrlFromOtherAppsButKeepsBorrowedOnes() throws Exception {
        AddonLifecycle lifecycle = start();
        create("hello", "postgres", "owned-db");
        create("hello", "redis", "owned-cache");
        create("other", "postgres", "borrowed-db");
        attach("owned-db", "other", "hello");
        attach("borrowed-db", "hello", "borrowed");
        String redisUrl = config("hello", "REDIS_URL");

        new AddonAppCleanup(api.store.addons(), lifecycle).prepareRemovalOf(app("hello"), api.admin.id());

        assertThat(api.store.addons().addon("owned-db")).isEmpty();
        assertThat(api.store.addons().addon("owned-cache")).isEmpty();
        assertThat(api.store.addons().addon("borrowed-db")).isPresent();
        assertThat(api.store.config(AppName.of("other")).asMap()).containsKey("DATABASE_URL").doesNotContainKey("HELLO_URL");
        assertThat(api.store.releases(AppName.of("other"), Page.FIRST).items().getFirst().description())
                .contains("Remove HELLO_URL");
        assertThat(api.store.config(AppName.of("hello")).asMap()).as("no release for the app being destroyed")
                .containsKey("DATABASE_URL");
        RedisClient client = RedisClient.create(redisUrl);
        try {
            assertThatThrownBy(() -> client.connect().close()).hasStackTraceContaining("WRONGPASS");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        try (var admin = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + servers.postgres().port()
                + "/postgres", PostgresServerProcess.USER, PostgresServerProcess.PASSWORD);
             var rs = admin.createStatement().executeQuery("SELECT (SELECT count(*) FROM pg_database WHERE datname ="
                     + " 'addon_owned_db') + (SELECT count(*) FROM pg_roles WHERE rolname LIKE 'addon_owned_db%')")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void aServerThatRefusesStopsTheDestroyAndForgetsNothing() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        start();
        create("hello", "redis", "kept-cache");
        AddonLifecycle unreachable = new AddonLifecycle(api.store.addons(), api.store, Deployments.withoutRuntime(api.store),
                List.of(new RedisAddonProvisioner(AddonServerUrl.parse("redis://127.0.0.1:" + closed, null))));

        assertThatThrownBy(() -> new AddonAppCleanup(api.store.addons(), unreachable)
                .prepareRemovalOf(app("hello"), api.admin.id()))
                .isInstanceOf(AddonServerUnavailable.class).hasMessageContaining("127.0.0.1:" + closed);
        assertThat(api.store.addons().addon("kept-cache")).isPresent();
        RedisClient client = RedisClient.create(config("hello", "REDIS_URL"));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().set("addon_kept_cache:still", "here")).isEqualTo("OK");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private AddonLifecycle start() {
        AddonServers.AddonsApiServer started = servers.start(Optional.empty(), "hello", "other");
        api = started.api();
        return started.lifecycle();
    }

    private void create(String app, String service, String name) {
        var created = api.call("POST", "/api/apps/" + app + "/addons", "{\"service\":\"" + service + "\",\"name\":\""
                + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void attach(String addon, String app, String as) {
        var attached = api.call("POST", "/api/addons/" + addon + "/attachments", "{\"app\":\"" + app + "\",\"as\":\""
                + as + "\"}");
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
    }

    private App app(String name) {
        return api.store.app(AppName.of(name)).orElseThrow();
    }

    private String config(String app, String var) {
        return api.store.config(AppName.of(app)).asMap().get(var);
    }
}
