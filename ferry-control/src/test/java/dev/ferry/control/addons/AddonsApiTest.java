package dev.ferry.control.addons;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.store.AppName;
import dev.ferry.store.postgres.PostgresServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The add-ons API over a real PostgreSQL and a real Redis: what an app gets, what it reaches, what destroy leaves. */
class AddonsApiTest {

    @RegisterExtension
    static final AddonServers servers = new AddonServers();

    private RunningControlServer api;

    @BeforeEach
    void start() {
        api = servers.start(Optional.empty(), "hello", "other", "third").api();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createsADatabaseWhoseUrlTheAppGetsInANewReleaseAndWhichItWritesAndReads() throws Exception {
        HttpResponse<String> created = api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\",\"name\":\"hello-db\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("attachments").get(0).get("configVar").asText()).isEqualTo("DATABASE_URL");
        String url = databaseUrl("hello", "DATABASE_URL");
        assertThat(created.body()).doesNotContain(URI.create(url).getUserInfo().split(":")[1]);
        assertThat(api.store.releases(AppName.of("hello"), dev.ferry.core.store.Page.FIRST).items().getFirst().description()).contains("DATABASE_URL");
        try (Connection c = connect(url, null); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (body text)");
            s.execute("INSERT INTO notes VALUES ('kept')");
            try (ResultSet rs = s.executeQuery("SELECT body FROM notes")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
        }
    }

    @Test
    void sharesADatabaseWithAnotherAppButKeepsOtherAddonsCredentialsOut() throws Exception {
        api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\",\"name\":\"shared-db\"}");
        api.call("POST", "/api/apps/third/addons", "{\"service\":\"postgres\",\"name\":\"third-db\"}");

        HttpResponse<String> attached = api.call("POST", "/api/addons/shared-db/attachments",
                "{\"app\":\"other\",\"as\":\"main\"}");

        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
        assertThat(databaseUrl("other", "MAIN_URL")).isEqualTo(databaseUrl("hello", "DATABASE_URL"));
        assertThat(api.store.config(AppName.of("other")).asMap()).doesNotContainKey("DATABASE_URL");
        assertThat(api.store.config(AppName.of("hello")).asMap()).doesNotContainValue(databaseUrl("third", "DATABASE_URL"));
        assertThatThrownBy(() -> connect(databaseUrl("third", "DATABASE_URL"), "addon_shared_db").close())
                .hasMessageContaining("permission denied for database");
        assertThat(json(api.call("GET", "/api/apps/other/addons", null))).extracting(n -> n.get("name").asText())
                .containsExactly("shared-db");
    }

    @Test
    void destroyingDropsTheDatabaseAndRoleAndRemovesTheVarFromEveryAttachedAppInANewRelease() throws Exception {
        api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\",\"name\":\"doomed-db\"}");
        api.call("POST", "/api/addons/doomed-db/attachments", "{\"app\":\"other\"}");
        String url = databaseUrl("hello", "DATABASE_URL");

        assertError(api.call("DELETE", "/api/addons/doomed-db?confirm=wrong", null), 400, "bad_request");
        HttpResponse<String> destroyed = api.call("DELETE", "/api/addons/doomed-db?confirm=doomed-db", null);

        assertThat(destroyed.statusCode()).as(destroyed.body()).isEqualTo(204);
        for (String app : List.of("hello", "other")) {
            assertThat(api.store.config(AppName.of(app)).asMap()).doesNotContainKey("DATABASE_URL");
            assertThat(api.store.releases(AppName.of(app), dev.ferry.core.store.Page.FIRST).items().getFirst().description()).contains("Remove DATABASE_URL");
        }
        assertThatThrownBy(() -> connect(url, null).close()).isInstanceOf(SQLException.class);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + servers.postgres().port() + "/postgres",
                PostgresServerProcess.USER, PostgresServerProcess.PASSWORD); Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM pg_database WHERE datname = 'addon_doomed_db')"
                     + " + (SELECT count(*) FROM pg_roles WHERE rolname = 'addon_doomed_db')")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        assertError(api.call("GET", "/api/addons/doomed-db", null), 404, "addon_not_found");
    }

    @Test
    void createsARedisWhoseUserReachesOnlyItsPrefix() {
        HttpResponse<String> created = api.call("POST", "/api/apps/hello/addons", "{\"service\":\"redis\",\"name\":\"cache\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("keyPrefix").asText()).isEqualTo("addon_cache:");
        RedisClient client = RedisClient.create(databaseUrl("hello", "REDIS_URL"));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().set("addon_cache:visits", "1");
            assertThat(c.sync().get("addon_cache:visits")).isEqualTo("1");
            assertThatThrownBy(() -> c.sync().get("routes")).hasMessageContaining("NOPERM");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void refusesWhatCannotBeWithAClearMessageAndChangesNothing() {
        api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\",\"name\":\"taken-db\"}");
        int releases = api.store.releases(AppName.of("hello"), dev.ferry.core.store.Page.FIRST).items().size();

        assertError(api.call("POST", "/api/apps/hello/addons", "{\"service\":\"mysql\"}"), 400, "bad_request");
        assertError(api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\",\"name\":\"Bad Name\"}"),
                400, "bad_request");
        assertError(api.call("POST", "/api/apps/other/addons", "{\"service\":\"postgres\",\"name\":\"taken-db\"}"),
                409, "addon_conflict");
        assertError(api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\"}"), 409, "addon_conflict");
        assertError(api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\",\"plan\":\"gold\"}"),
                400, "bad_request");
        assertError(api.call("DELETE", "/api/addons/taken-db/attachments/hello", null), 409, "addon_conflict");
        HttpResponse<String> noService = api.call("POST", "/api/apps/hello/addons", "{\"plan\":\"hobby\"}");
        HttpResponse<String> typo = api.call("POST", "/api/apps/hello/addons", "{\"service\":\"redis\",\"alias\":\"X\"}");
        HttpResponse<String> numberAs = api.call("POST", "/api/addons/taken-db/attachments", "{\"app\":\"other\",\"as\":7}");
        assertError(noService, 400, "bad_request");
        assertThat(json(noService).get("error").asText()).isEqualTo("the request body needs the field 'service'");
        assertError(typo, 400, "bad_request");
        assertThat(json(typo).get("error").asText()).contains("unknown field 'alias'");
        assertError(numberAs, 400, "bad_request");
        assertThat(api.store.releases(AppName.of("hello"), dev.ferry.core.store.Page.FIRST).items()).hasSize(releases);
        assertThat(api.store.config(AppName.of("other")).asMap()).isEmpty();
    }

    @Test
    void hidesAddonsOfAppsTheCallerCannotUse() {
        api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\",\"name\":\"private-db\"}");
        String stranger = api.newUser("stranger@example.com");

        assertError(api.call("GET", "/api/addons/private-db", null, stranger), 404, "addon_not_found");
        assertThat(json(api.call("GET", "/api/addons", null, stranger))).isEmpty();
        assertThat(json(api.call("GET", "/api/addons", null))).hasSize(1);
    }

    @Test
    void saysHowToConfigureAServerWhenNoneIsGiven() {
        try (RunningControlServer bare = new RunningControlServer(store -> List.of(new AddonsApi(store, store,
                store.addons(), new AddonLifecycle(store.addons(), store, Deployments.withoutRuntime(store), List.of()))))) {
            bare.call("POST", "/api/apps", "{\"name\":\"hello\"}");

            HttpResponse<String> refused = bare.call("POST", "/api/apps/hello/addons", "{\"service\":\"redis\"}");

            assertError(refused, 409, "addons_not_configured");
            assertThat(json(refused).get("error").asText()).contains("--addons-redis redis://").contains("--addons local");
        }
    }

    private String databaseUrl(String app, String var) {
        String url = api.store.config(AppName.of(app)).asMap().get(var);
        assertThat(url).as(app + " " + var).isNotNull();
        return url;
    }

    private static Connection connect(String url, String database) throws SQLException {
        URI uri = URI.create(url);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        String db = database != null ? database : uri.getPath().substring(1);
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + db,
                userInfo[0], userInfo[1]);
    }

}
