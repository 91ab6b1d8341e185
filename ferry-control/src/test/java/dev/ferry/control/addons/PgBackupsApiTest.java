package dev.ferry.control.addons;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.addons.PgDumpBackups;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The backups and credentials API of PostgreSQL add-ons over a real PostgreSQL, pg_dump and pg_restore. */
class PgBackupsApiTest {

    @RegisterExtension
    static final AddonServers servers = new AddonServers();
    @TempDir
    Path backupsDir;

    private RunningControlServer api;

    @BeforeEach
    void start() {
        api = servers.start(Optional.of(new PgDumpBackups(backupsDir)), "hello", "other").api();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void capturesDropsAndRestoresSoTheRowIsBack() throws Exception {
        create("hello", "kept-db");
        String url = url("hello");
        sql(url, "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('written before the backup')");

        HttpResponse<String> captured = api.call("POST", "/api/addons/kept-db/backups", null);
        sql(url, "DROP TABLE notes");
        HttpResponse<String> restored = api.call("POST", "/api/addons/kept-db/backups/b001/restore?confirm=hello", null);

        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        assertThat(json(captured).get("id").asText()).isEqualTo("b001");
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat(rows(url, "SELECT body FROM notes")).containsExactly("written before the backup");
    }

    @Test
    void listsDownloadsAndDeletesBackups() throws Exception {
        create("hello", "listed-db");
        api.call("POST", "/api/addons/listed-db/backups", null);
        api.call("POST", "/api/addons/listed-db/backups", null);

        JsonNode list = json(api.call("GET", "/api/addons/listed-db/backups", null));
        HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(api.baseUrl() + "/api/addons/listed-db/backups/b002/download"))
                .header("Authorization", "Bearer " + RunningControlServer.TOKEN).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(list).extracting(n -> n.get("id").asText()).containsExactly("b001", "b002");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                .contains("listed-db-b002.dump");
        assertThat(new String(download.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PGDMP");
        assertThat((long) download.body().length).isEqualTo(list.get(1).get("sizeBytes").asLong());
        assertThat(api.call("DELETE", "/api/addons/listed-db/backups/b001", null).statusCode()).isEqualTo(204);
        assertThat(json(api.call("GET", "/api/addons/listed-db/backups", null))).hasSize(1);
        assertError(api.call("GET", "/api/addons/listed-db/backups/b001/download", null), 404, "addon_not_found");
    }

    @Test
    void refusesBadRestoresWithAClearMessageAndChangesNothing() throws Exception {
        create("hello", "guarded-db");
        create("other", "other-db");
        String url = url("hello");
        sql(url, "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('old')");
        api.call("POST", "/api/addons/guarded-db/backups", null);
        sql(url, "INSERT INTO notes VALUES ('new')", "CREATE VIEW latest AS SELECT body FROM notes");

        assertError(api.call("POST", "/api/addons/guarded-db/backups/b001/restore", null), 400, "bad_request");
        assertError(api.call("POST", "/api/addons/guarded-db/backups/b001/restore?confirm=other", null), 400,
                "bad_request");
        assertError(api.call("POST", "/api/addons/guarded-db/backups/b009/restore?confirm=hello", null), 404,
                "addon_not_found");
        HttpResponse<String> failed = api.call("POST", "/api/addons/guarded-db/backups/b001/restore?confirm=hello", null);

        assertError(failed, 409, "addon_backup_failed");
        assertThat(json(failed).get("error").asText()).contains("pg_restore failed").contains("depend");
        assertThat(rows(url, "SELECT body FROM notes ORDER BY body")).containsExactly("new", "old");
        HttpResponse<String> cache = api.call("POST", "/api/apps/hello/addons", "{\"service\":\"redis\",\"name\":\"cache\"}");
        assertThat(cache.statusCode()).isEqualTo(201);
        assertError(api.call("POST", "/api/addons/cache/backups", null), 400, "bad_request");
    }

    @Test
    void rotatesCredentialsIntoEveryAttachedAppAndRevokesTheOldOnes() throws Exception {
        create("hello", "turned-db");
        api.call("POST", "/api/addons/turned-db/attachments", "{\"app\":\"other\",\"as\":\"main\"}");
        String old = url("hello");
        sql(old, "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('kept')");

        HttpResponse<String> rotated = api.call("POST", "/api/addons/turned-db/credentials/rotate", null);

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String fresh = url("hello");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(api.store.config(AppName.of("other")).asMap().get("MAIN_URL")).isEqualTo(fresh);
        assertThat(json(rotated).get("revoked").asText()).isEqualTo("addon_turned_db");
        assertThat(json(rotated).get("releases")).hasSize(2);
        assertThat(rows(fresh, "SELECT body FROM notes")).containsExactly("kept");
        assertThatThrownBy(() -> connect(old).close()).isInstanceOf(SQLException.class);
        assertThat(rotated.body()).doesNotContain(URI.create(fresh).getUserInfo().split(":")[1]);
    }

    private void create(String app, String name) {
        HttpResponse<String> created = api.call("POST", "/api/apps/" + app + "/addons",
                "{\"service\":\"postgres\",\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private String url(String app) {
        return api.store.config(AppName.of(app)).asMap().get("DATABASE_URL");
    }

    private static void sql(String url, String... statements) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<String> rows(String url, String query) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static Connection connect(String url) throws SQLException {
        URI uri = URI.create(url);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort()
                + uri.getPath(), userInfo[0], userInfo[1]);
    }
}
